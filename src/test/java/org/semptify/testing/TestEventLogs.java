package org.semptify.testing;

import java.nio.file.Path;
import java.time.Clock;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventLog;
import org.semptify.ops.SecretScrubber;
import org.semptify.store.file.FileEventSink;

/** An events log as the server makes one, for tests that build a store without the server. */
public final class TestEventLogs {
  private TestEventLogs() {}

  /** A log at {@code file} (its folder must exist): 1 MiB per file, two backups, real time. */
  public static EventLog at(Path file) {
    return new EventLog(
        new FileEventSink(file, 1 << 20, 2, JsonMapping.mapper()),
        Clock.systemUTC(),
        new SecretScrubber());
  }
}
