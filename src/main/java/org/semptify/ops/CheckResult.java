package org.semptify.ops;

/** One readiness check's outcome; {@code detail} is safe to show (no secrets, no file contents). */
public record CheckResult(boolean ok, String detail) {
  public static CheckResult ok(String detail) {
    return new CheckResult(true, detail);
  }

  public static CheckResult failed(String detail) {
    return new CheckResult(false, detail);
  }
}
