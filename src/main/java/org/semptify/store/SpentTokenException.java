package org.semptify.store;

/**
 * A breakglass token was used once and stays spent: it cannot be enabled again (409 on the
 * dashboard, exit 1 on the command line). Create a new one instead.
 */
public final class SpentTokenException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SpentTokenException(String id) {
    super(
        "token '"
            + id
            + "' is a used breakglass token: it cannot be enabled again; create a new one");
  }
}
