package org.semptify.store;

/** A change named an id that the file does not hold (404 on the web, exit 1 on the CLI). */
public final class UnknownEntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownEntryException(String id) {
    super("no entry with id '" + id + "'");
  }
}
