package org.semptify.users.web;

/**
 * A browser opened a vault with a token in the address ({@code GET /vault?user_token=…}): the
 * session now carries the vault, and the answer is a 303 to {@link #location()}, the same page
 * without the token, so the key never stays in the address bar, the history or a bookmark.
 */
public final class TokenLeavesAddressBar extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String location;

  public TokenLeavesAddressBar(String location) {
    super("the token leaves the address bar", null, false, false);
    this.location = location;
  }

  public String location() {
    return location;
  }
}
