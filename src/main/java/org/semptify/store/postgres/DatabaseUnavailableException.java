package org.semptify.store.postgres;

import java.sql.SQLException;
import org.semptify.ops.StorageUnavailableException;

/**
 * The database refused or lost a write: nothing was changed (the transaction was rolled back). The
 * request answers 507 like any failed write; the message never holds SQL, values or the URL.
 */
public final class DatabaseUnavailableException extends StorageUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public DatabaseUnavailableException(SQLException cause) {
    super(MESSAGE, cause);
    this.sqlState = cause.getSQLState() == null ? "" : cause.getSQLState();
  }

  /** The SQLSTATE, for a readiness detail or a log line (never the driver's message). */
  public String sqlState() {
    return sqlState;
  }
}
