package org.semptify.config;

import java.nio.charset.StandardCharsets;

/**
 * Key material that must never reach a log, a page or an exception message. {@link #toString()} is
 * redacted so that printing a settings object by accident leaks nothing.
 */
public final class Secret {
  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static Secret ofUtf8(String value) {
    return new Secret(value.getBytes(StandardCharsets.UTF_8));
  }

  public static Secret of(byte[] bytes) {
    return new Secret(bytes);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
