package org.semptify.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Applies the vault tables' migration (as shipped in the jar) to a fresh test database. */
final class VaultSchema {
  static final String MIGRATION = "/db/migration/V2__vault_documents.sql";

  private VaultSchema() {}

  static DataSource apply(DataSource database) {
    try (InputStream in = VaultSchema.class.getResourceAsStream(MIGRATION);
        Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      if (in == null) {
        throw new IllegalStateException(MIGRATION + " is not on the class path");
      }
      statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return database;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
