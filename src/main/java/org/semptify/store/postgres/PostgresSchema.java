package org.semptify.store.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.semptify.config.ConfigException;

/**
 * The database schema: the Flyway migrations in the jar ({@code db/migration/V<n>__<what>.sql}),
 * applied in order, each once. A new table or column is a new migration file, never an edit of one
 * that has shipped. Nodes starting together take turns under Flyway's lock.
 */
public final class PostgresSchema {
  public static final String LOCATION = "classpath:db/migration";

  private PostgresSchema() {}

  /** Applies the migrations the database has not seen yet; a failure stops start-up (exit 2). */
  public static void migrate(DataSource dataSource) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(LOCATION)
          .validateMigrationNaming(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new ConfigException(
          "SEMPTIFY_DATABASE_URL: the database schema could not be brought up to date ("
              + e.getClass().getSimpleName()
              + "); check that the user may create tables in this database");
    }
  }
}
