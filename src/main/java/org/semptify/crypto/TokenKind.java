package org.semptify.crypto;

/** The kinds of bearer token Semptify issues, each with a readable prefix for secret scanners. */
public enum TokenKind {
  ADMIN("smpa"),
  USER("smpu"),
  SHARE("smps");

  private final String prefix;

  TokenKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }
}
