package org.semptify.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.semptify.ops.CheckResult;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.ops.ReadinessCheck;

/**
 * A file of hashed-token entries (admin tokens, users) kept in memory as maps by hash and by id, so
 * every lookup is O(1). The copy is refreshed whenever the file changes on disk, which makes an
 * operator's hand edit or a CLI call count from the next request. A file that does not parse fails
 * closed (no entry is found, changes are refused) and is never overwritten.
 */
public final class EntryFile<T> implements ReadinessCheck {
  /** Converts between file entries and typed values. */
  public interface Codec<T> {
    T read(ObjectNode entry, int index);

    ObjectNode write(T value);

    String id(T value);

    String hash(T value);
  }

  private record State<T>(
      LockedJsonFile.Stamp stamp,
      List<T> entries,
      Map<String, T> byHash,
      Map<String, T> byId,
      String problem) {}

  private final LockedJsonFile file;
  private final EntryFileFormat format;
  private final Codec<T> codec;
  private final EventLog events;
  private final Consumer<List<T>> onNewVersion;
  private volatile State<T> state = new State<>(null, List.of(), Map.of(), Map.of(), null);

  /**
   * @param onNewVersion called once per new version of the file that parses (e.g. to warn about
   *     plaintext tokens)
   */
  public EntryFile(
      LockedJsonFile file,
      EntryFileFormat format,
      Codec<T> codec,
      EventLog events,
      Consumer<List<T>> onNewVersion) {
    this.file = file;
    this.format = format;
    this.codec = codec;
    this.events = events;
    this.onNewVersion = onNewVersion;
  }

  public Optional<T> byHash(String hash) {
    return Optional.ofNullable(current().byHash().get(hash));
  }

  public Optional<T> byId(String id) {
    return Optional.ofNullable(current().byId().get(id));
  }

  /** All entries in file order; throws when the file cannot be used. */
  public List<T> list() {
    State<T> current = current();
    if (current.problem() != null) {
      throw new InvalidStateFileException(current.problem());
    }
    return current.entries();
  }

  public int size() {
    return current().entries().size();
  }

  /** Null when the file is usable (or absent), else why not, without any file content. */
  public String problem() {
    return current().problem();
  }

  /**
   * The file's name, e.g. {@code users.json}: the readiness check's name and the events' {@code
   * file}.
   */
  @Override
  public String name() {
    return AtomicFiles.nameOf(file.path());
  }

  @Override
  public CheckResult check() {
    State<T> current = current();
    if (current.problem() != null) {
      return CheckResult.failed(current.problem());
    }
    return CheckResult.ok(
        current.stamp() != null && current.stamp().absent() ? "absent" : "parses");
  }

  /**
   * Applies {@code mutation} to the entries freshly read under the file lock and writes the result
   * atomically. A null result writes nothing; returns whether something was written.
   */
  public boolean update(UnaryOperator<List<T>> mutation) {
    try {
      return file.update(
          current -> {
            State<T> known = state;
            // The parsed copy is the file as it is now unless someone wrote since: then parse anew.
            List<T> entries =
                known.problem() == null && current.stamp().equals(known.stamp())
                    ? known.entries()
                    : current.stamp().absent() ? List.of() : parse(current.bytes());
            List<T> updated = mutation.apply(entries);
            if (updated == null) {
              return new LockedJsonFile.Result<>(null, false);
            }
            return new LockedJsonFile.Result<>(
                serialise(updated),
                true,
                stamp -> state = parsedState(stamp, List.copyOf(updated)));
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private State<T> current() {
    State<T> known = state;
    try {
      if (known.stamp() != null && known.stamp().equals(file.stamp())) {
        return known;
      }
    } catch (IOException e) {
      return new State<>(null, List.of(), Map.of(), Map.of(), name() + " cannot be read");
    }
    return refresh();
  }

  private synchronized State<T> refresh() {
    State<T> previous = state;
    LockedJsonFile.Snapshot snapshot;
    try {
      snapshot = file.read();
    } catch (IOException e) {
      return new State<>(null, List.of(), Map.of(), Map.of(), name() + " cannot be read");
    }
    if (previous.stamp() != null && previous.stamp().equals(snapshot.stamp())) {
      return previous;
    }
    State<T> next;
    if (snapshot.bytes() == null) {
      next = new State<>(snapshot.stamp(), List.of(), Map.of(), Map.of(), null);
    } else {
      try {
        next = parsedState(snapshot.stamp(), List.copyOf(parse(snapshot.bytes())));
        onNewVersion.accept(next.entries());
      } catch (InvalidStateFileException e) {
        record(
            EventType.TOKEN_FILE_INVALID,
            Payload.of(EventField.FILE, name()).with(EventField.REASON, e.getMessage()));
        next =
            new State<>(
                snapshot.stamp(), List.of(), Map.of(), Map.of(), name() + " " + e.getMessage());
      }
    }
    state = next;
    return next;
  }

  /** Writes an event about the file; a failing log must not stop the store from failing closed. */
  public void record(EventType type, Payload payload) {
    try {
      events.record(type, null, payload);
    } catch (RuntimeException e) {
      // Readiness reports the unwritable log.
    }
  }

  private State<T> parsedState(LockedJsonFile.Stamp stamp, List<T> entries) {
    Map<String, T> byHash = new HashMap<>(entries.size() * 2);
    Map<String, T> byId = new HashMap<>(entries.size() * 2);
    for (T entry : entries) {
      byHash.put(codec.hash(entry), entry);
      byId.put(codec.id(entry), entry);
    }
    return new State<>(stamp, entries, byHash, byId, null);
  }

  private List<T> parse(byte[] bytes) {
    List<ObjectNode> nodes = format.parse(bytes);
    List<T> entries = new ArrayList<>(nodes.size());
    Map<String, Boolean> ids = new HashMap<>(nodes.size() * 2);
    for (int i = 0; i < nodes.size(); i++) {
      T entry = codec.read(nodes.get(i), i);
      if (ids.put(codec.id(entry), Boolean.TRUE) != null) {
        throw new InvalidStateFileException("has two entries with id '" + codec.id(entry) + "'");
      }
      entries.add(entry);
    }
    return entries;
  }

  private byte[] serialise(List<T> entries) {
    List<ObjectNode> nodes = new ArrayList<>(entries.size());
    for (T entry : entries) {
      nodes.add(codec.write(entry));
    }
    return format.write(nodes);
  }

  /**
   * Replaces the entry with {@code id}; throws {@link UnknownEntryException} when there is none.
   */
  public static <T> List<T> replace(
      List<T> entries, Codec<T> codec, String id, UnaryOperator<T> change) {
    List<T> updated = new ArrayList<>(entries.size());
    boolean found = false;
    for (T entry : entries) {
      if (codec.id(entry).equals(id)) {
        updated.add(change.apply(entry));
        found = true;
      } else {
        updated.add(entry);
      }
    }
    if (!found) {
      throw new UnknownEntryException(id);
    }
    return updated;
  }
}
