package org.semptify.store;

/** A state file exists but cannot be used. Its message never contains file content. */
public final class InvalidStateFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidStateFileException(String message) {
    super(message);
  }
}
