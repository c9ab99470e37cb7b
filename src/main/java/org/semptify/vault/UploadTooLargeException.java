package org.semptify.vault;

/** The upload passed the size limit or the user's quota (413); nothing was stored. */
public final class UploadTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UploadTooLargeException(String message) {
    super(message);
  }
}
