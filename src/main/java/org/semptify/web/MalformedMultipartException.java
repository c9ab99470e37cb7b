package org.semptify.web;

import java.io.IOException;

/** A request body that is not well-formed multipart/form-data (or ends too early). */
public final class MalformedMultipartException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedMultipartException(String message) {
    super(message);
  }
}
