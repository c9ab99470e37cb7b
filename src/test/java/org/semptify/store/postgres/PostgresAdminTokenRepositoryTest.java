package org.semptify.store.postgres;

import org.junit.jupiter.api.AfterEach;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.AdminTokenRepositoryContract;

/** Table {@code adminToken} on a real PostgreSQL passes the AdminTokenRepository contract. */
class PostgresAdminTokenRepositoryTest extends AdminTokenRepositoryContract {
  private TestDatabase database;

  @Override
  protected AdminTokenRepository create() {
    database = TestDatabase.fresh();
    return database.storage().adminTokens(null);
  }

  @Override
  protected AdminTokenRepository another() {
    return database.storage().adminTokens(null);
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
