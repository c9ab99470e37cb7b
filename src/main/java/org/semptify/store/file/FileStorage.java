package org.semptify.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventLogReader;
import org.semptify.ops.EventSink;
import org.semptify.ops.EventSource;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.DataRoot;
import org.semptify.store.ShareRepository;
import org.semptify.store.Storage;
import org.semptify.store.UserRepository;

/**
 * The repositories on files under one data root, as both the server and the command line open them,
 * so that they share files, locks and formats: a CLI call while the server runs is seen at once.
 */
public final class FileStorage implements Storage {
  private final DataRoot dataRoot;
  private final ObjectMapper json;

  public FileStorage(DataRoot dataRoot, ObjectMapper json) {
    this.dataRoot = dataRoot;
    this.json = json;
  }

  /** {@code logs/events.log}, rotated past {@code maxBytes}, keeping {@code backups} old files. */
  @Override
  public EventSink events(long maxBytes, int backups) {
    return new FileEventSink(dataRoot.eventsLog(), maxBytes, backups, json);
  }

  /**
   * {@code security/admin_tokens.json}; {@code events} hears about an invalid or plaintext file.
   */
  @Override
  public AdminTokenRepository adminTokens(EventLog events) {
    return new FileAdminTokenRepository(dataRoot.adminTokensFile(), json, events);
  }

  /** {@code security/users.json}; {@code events} hears about an invalid file. */
  @Override
  public UserRepository users(EventLog events) {
    return new FileUserRepository(dataRoot.usersFile(), json, events);
  }

  /** {@code uploads/shares/}. */
  @Override
  public ShareRepository shares() {
    return new FileShareRepository(dataRoot.uploads(), json);
  }

  /** {@code logs/events.log} and its rotated files. */
  @Override
  public EventSource eventSource() {
    return new EventLogReader(dataRoot.eventsLog(), json);
  }
}
