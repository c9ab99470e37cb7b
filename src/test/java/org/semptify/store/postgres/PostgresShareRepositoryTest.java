package org.semptify.store.postgres;

import org.junit.jupiter.api.AfterEach;
import org.semptify.store.ShareRepository;
import org.semptify.store.ShareRepositoryContract;

/** Table {@code share} on a real PostgreSQL passes the ShareRepository contract. */
class PostgresShareRepositoryTest extends ShareRepositoryContract {
  private TestDatabase database;

  @Override
  protected ShareRepository create() {
    database = TestDatabase.fresh();
    return database.storage().shares();
  }

  @Override
  protected ShareRepository another() {
    return database.storage().shares();
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
