package org.semptify.store;

/** An addition named an id the store holds already; nothing was added. */
public final class DuplicateEntryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DuplicateEntryException(String message) {
    super(message);
  }
}
