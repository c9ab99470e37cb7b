package org.semptify.store.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.semptify.files.AtomicFiles;
import org.semptify.ops.CheckResult;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.ops.ReadinessCheck;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.UnknownEntryException;

/**
 * A file of hashed-token entries (admin tokens, users) kept in memory as maps by hash and by id, so
 * every lookup is O(1). The copy is refreshed whenever the file changes on disk, which makes an
 * operator's hand edit or a CLI call count from the next request. A file that does not parse fails
 * closed (no entry is found, changes are refused) and is never overwritten.
 *
 * <p>Every change rewrites the whole file atomically, so its cost grows with the file: the bytes of
 * unchanged entries are kept from the last write, and {@link #append} adds to the maps in place, so
 * that what remains is the write itself.
 */
public final class EntryFile<T> implements ReadinessCheck {
  /** Converts between file entries and typed values. */
  public interface Codec<T> {
    T read(ObjectNode entry, int index);

    ObjectNode write(T value);

    String id(T value);

    String hash(T value);
  }

  /**
   * One version of the file. The maps are concurrent because an append adds to them in place; a
   * reader still holding the previous state may then find the new entry too, which is harmless.
   * {@code written} holds each entry's bytes as this process last wrote them (null until then).
   */
  private record State<T>(
      LockedJsonFile.Stamp stamp,
      List<T> entries,
      Map<String, T> byHash,
      Map<String, T> byId,
      List<byte[]> written,
      String problem) {
    static <T> State<T> failed(LockedJsonFile.Stamp stamp, String problem) {
      return new State<>(stamp, List.of(), Map.of(), Map.of(), null, problem);
    }
  }

  private final LockedJsonFile file;
  private final EntryFileFormat format;
  private final Codec<T> codec;
  private final EventLog events;
  private final Consumer<List<T>> onNewVersion;
  private volatile State<T> state = State.failed(null, null);

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
            State<T> fresh = underLock(current);
            List<T> updated = mutation.apply(fresh.entries());
            if (updated == null) {
              return new LockedJsonFile.Result<>(null, false);
            }
            List<T> entries = List.copyOf(updated);
            List<byte[]> lines = encode(entries, fresh);
            return new LockedJsonFile.Result<>(
                EntryFileFormat.join(lines), true, stamp -> state = indexed(stamp, entries, lines));
          });
    } catch (IOException e) {
      throw new StorageUnavailableException(e, file.path().toAbsolutePath().getParent());
    }
  }

  /**
   * Replaces the entry with {@code id} by {@code change} applied to it as it is under the lock;
   * throws {@link UnknownEntryException} when there is none. Returns the value written.
   */
  public T replaceOne(String id, UnaryOperator<T> change) {
    List<T> written = new ArrayList<>(1);
    update(
        entries -> {
          written.clear();
          return replace(
              entries,
              codec,
              id,
              entry -> {
                T next = change.apply(entry);
                written.add(next);
                return next;
              });
        });
    return written.get(0);
  }

  /**
   * Compare-and-set on one entry: under the lock, {@code change} sees the entry with {@code id} as
   * it is now and returns its replacement, or null to leave it (and the file) alone. Returns the
   * value written; empty when there is no such entry or {@code change} declined.
   */
  public Optional<T> replaceIf(String id, Function<T, T> change) {
    List<T> written = new ArrayList<>(1);
    update(
        entries -> {
          written.clear();
          T current = null;
          for (T entry : entries) {
            if (codec.id(entry).equals(id)) {
              current = entry;
              break;
            }
          }
          if (current == null) {
            return null;
          }
          T next = change.apply(current);
          if (next == null) {
            return null;
          }
          written.add(next);
          return replace(entries, codec, id, entry -> next);
        });
    return written.stream().findFirst();
  }

  /**
   * Applies {@code change} once to every entry, in file order, under the lock; the file is written
   * only when it returned another object for at least one entry. Returns how many it replaced.
   */
  public int replaceEach(UnaryOperator<T> change) {
    int[] replaced = new int[1];
    update(
        entries -> {
          replaced[0] = 0;
          List<T> updated = new ArrayList<>(entries.size());
          for (T entry : entries) {
            T next = change.apply(entry);
            if (next != entry) {
              replaced[0]++;
            }
            updated.add(next);
          }
          return replaced[0] == 0 ? null : updated;
        });
    return replaced[0];
  }

  /**
   * Adds entries with new ids at the end. Unlike {@link #update} it neither copies nor re-indexes
   * the entries already there: with 100,000 users, a registration costs little more than writing
   * the file.
   */
  public void append(List<T> additions) {
    try {
      file.update(
          current -> {
            State<T> fresh = underLock(current);
            Set<String> ids = new HashSet<>();
            for (T addition : additions) {
              String id = codec.id(addition);
              if (fresh.byId().containsKey(id) || !ids.add(id)) {
                throw new IllegalStateException("an entry with id '" + id + "' exists already");
              }
            }
            List<T> entries = new ArrayList<>(fresh.entries().size() + additions.size());
            entries.addAll(fresh.entries());
            entries.addAll(additions);
            List<byte[]> lines;
            if (fresh.written() == null) {
              lines = encode(entries, fresh);
            } else {
              lines = new ArrayList<>(entries.size());
              lines.addAll(fresh.written());
              for (T addition : additions) {
                lines.add(format.encode(codec.write(addition)));
              }
            }
            return new LockedJsonFile.Result<>(
                EntryFileFormat.join(lines),
                true,
                stamp -> {
                  for (T addition : additions) {
                    fresh.byHash().put(codec.hash(addition), addition);
                    fresh.byId().put(codec.id(addition), addition);
                  }
                  state =
                      new State<>(
                          stamp,
                          Collections.unmodifiableList(entries),
                          fresh.byHash(),
                          fresh.byId(),
                          Collections.unmodifiableList(lines),
                          null);
                });
          });
    } catch (IOException e) {
      throw new StorageUnavailableException(e, file.path().toAbsolutePath().getParent());
    }
  }

  /**
   * The state as the file is now, under the lock: the known one unless somebody wrote since; throws
   * {@link InvalidStateFileException} when the file does not parse.
   */
  private State<T> underLock(LockedJsonFile.Current current) throws IOException {
    State<T> known = state;
    if (known.problem() == null && current.stamp().equals(known.stamp())) {
      return known;
    }
    return current.stamp().absent()
        ? indexed(current.stamp(), List.of(), null)
        : indexed(current.stamp(), List.copyOf(parse(current.bytes())), null);
  }

  private State<T> current() {
    State<T> known = state;
    try {
      if (known.stamp() != null && known.stamp().equals(file.stamp())) {
        return known;
      }
    } catch (IOException e) {
      return State.failed(null, name() + " cannot be read");
    }
    return refresh();
  }

  private synchronized State<T> refresh() {
    State<T> previous = state;
    LockedJsonFile.Snapshot snapshot;
    try {
      snapshot = file.read();
    } catch (IOException e) {
      return State.failed(null, name() + " cannot be read");
    }
    if (previous.stamp() != null && previous.stamp().equals(snapshot.stamp())) {
      return previous;
    }
    State<T> next;
    if (snapshot.bytes() == null) {
      next = indexed(snapshot.stamp(), List.of(), null);
    } else {
      try {
        next = indexed(snapshot.stamp(), List.copyOf(parse(snapshot.bytes())), null);
        onNewVersion.accept(next.entries());
      } catch (InvalidStateFileException e) {
        record(
            EventType.TOKEN_FILE_INVALID,
            Payload.of(EventField.FILE, name()).with(EventField.REASON, e.getMessage()));
        next = State.failed(snapshot.stamp(), name() + " " + e.getMessage());
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

  private State<T> indexed(LockedJsonFile.Stamp stamp, List<T> entries, List<byte[]> written) {
    Map<String, T> byHash = new ConcurrentHashMap<>(entries.size() * 2);
    Map<String, T> byId = new ConcurrentHashMap<>(entries.size() * 2);
    for (T entry : entries) {
      byHash.put(codec.hash(entry), entry);
      byId.put(codec.id(entry), entry);
    }
    return new State<>(stamp, entries, byHash, byId, written, null);
  }

  private List<T> parse(byte[] bytes) {
    List<T> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    format.parse(
        bytes,
        node -> {
          T entry = codec.read(node, entries.size());
          if (!ids.add(codec.id(entry))) {
            throw new InvalidStateFileException(
                "has two entries with id '" + codec.id(entry) + "'");
          }
          entries.add(entry);
        });
    return entries;
  }

  /**
   * Each entry's bytes in the file: unchanged entries (the same objects as when last written) reuse
   * their bytes; only new or changed ones are encoded.
   */
  private List<byte[]> encode(List<T> entries, State<T> fresh) {
    Map<T, byte[]> written = new IdentityHashMap<>();
    if (fresh.written() != null) {
      for (int i = 0; i < fresh.entries().size(); i++) {
        written.put(fresh.entries().get(i), fresh.written().get(i));
      }
    }
    List<byte[]> lines = new ArrayList<>(entries.size());
    for (T entry : entries) {
      byte[] bytes = written.get(entry);
      lines.add(bytes != null ? bytes : format.encode(codec.write(entry)));
    }
    return List.copyOf(lines);
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
