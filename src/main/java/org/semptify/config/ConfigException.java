package org.semptify.config;

/**
 * A configuration value that cannot be used. The message names the variable and what is accepted.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
