package org.semptify.store.postgres;

import org.junit.jupiter.api.AfterEach;
import org.semptify.store.UserRepository;
import org.semptify.store.UserRepositoryContract;

/** Table {@code user} on a real PostgreSQL passes the UserRepository contract. */
class PostgresUserRepositoryTest extends UserRepositoryContract {
  private TestDatabase database;

  @Override
  protected UserRepository create() {
    database = TestDatabase.fresh();
    return database.storage().users(null);
  }

  @Override
  protected UserRepository another() {
    return database.storage().users(null);
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
