package org.semptify.web;

/**
 * The largest multipart body a form route (one that is not a streamed upload) accepts. Its fields
 * are text, so a larger body is refused before it is read, and the servlet parser never spools one
 * to a temporary file.
 */
public final class FormBodyLimit {
  public static final int KILOBYTES = 1024;
  public static final long BYTES = KILOBYTES * 1024L;

  private FormBodyLimit() {}
}
