package org.semptify.config;

import java.util.Optional;

/**
 * Where the PostgreSQL database is ({@code SEMPTIFY_STORE=postgres}).
 *
 * @param jdbcUrl a {@code jdbc:postgresql://…} URL without credentials (a {@code
 *     postgres://user:pass@host/db} URL is turned into one, its user and password moved out)
 * @param user from {@code SEMPTIFY_DATABASE_USER}, else the URL's; empty: the driver's default
 * @param password from {@code SEMPTIFY_DATABASE_PASSWORD}, else the URL's
 * @param userVariable the variable to name when the user or password is refused
 * @param waitSeconds how long start-up waits for a database that is still starting ({@code
 *     SEMPTIFY_DATABASE_WAIT})
 * @param poolSize the most connections a server node holds open to the database ({@code
 *     SEMPTIFY_DATABASE_POOL}, {@value #DEFAULT_POOL_SIZE} unless set)
 */
public record DatabaseSettings(
    String jdbcUrl,
    Optional<String> user,
    Optional<Secret> password,
    String userVariable,
    int waitSeconds,
    int poolSize) {
  /** {@code SEMPTIFY_DATABASE_POOL} when unset. */
  public static final int DEFAULT_POOL_SIZE = 20;

  /** Settings with the default pool size. */
  public DatabaseSettings(
      String jdbcUrl,
      Optional<String> user,
      Optional<Secret> password,
      String userVariable,
      int waitSeconds) {
    this(jdbcUrl, user, password, userVariable, waitSeconds, DEFAULT_POOL_SIZE);
  }

  /** Never the URL (it may carry a password in its query) nor the credentials. */
  @Override
  public String toString() {
    return "DatabaseSettings[redacted]";
  }
}
