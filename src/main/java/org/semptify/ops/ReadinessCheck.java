package org.semptify.ops;

/** Something that must hold for the server to do its job; evaluated on every {@code /readyz}. */
public interface ReadinessCheck {
  String name();

  CheckResult check();
}
