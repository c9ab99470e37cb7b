package org.semptify.store;

import org.semptify.ops.EventLog;
import org.semptify.ops.EventSink;
import org.semptify.ops.EventSource;

/**
 * Everything the server and the command line keep, opened the same way by both: files under the
 * data root ({@code store.file.FileStorage}, the default) or a PostgreSQL database shared by any
 * number of nodes ({@code store.postgres.PostgresStorage}, {@code SEMPTIFY_STORE=postgres}).
 */
public interface Storage {
  /** Where audit events are stored ({@code maxBytes}, {@code backups}: rotation on files). */
  EventSink events(long maxBytes, int backups);

  /** The stored audit events, read back oldest first. */
  EventSource eventSource();

  /** Admin tokens; {@code events} hears about a store that cannot be read. */
  AdminTokenRepository adminTokens(EventLog events);

  /** User accounts; {@code events} hears about a store that cannot be read. */
  UserRepository users(EventLog events);

  ShareRepository shares();
}
