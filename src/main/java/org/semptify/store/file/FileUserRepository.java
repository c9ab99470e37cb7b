package org.semptify.store.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.semptify.crypto.Tokens;
import org.semptify.files.AtomicFiles;
import org.semptify.ops.CheckResult;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.EntryFields;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.UnknownEntryException;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;

/**
 * {@code security/users.json}: one JSON array, written compactly (one account per line), shared
 * with the command line under a lock file.
 *
 * <p>Only what lookups need stays in memory ({@link AccountIndex}: each account's token hash, id
 * and place in the file); an account found is read from the file by position and parsed. The file
 * is replaced atomically on every change, so the open channel that the index was built from keeps
 * reading that version even after a replacement; a lookup checks the file's stamp first, as before,
 * and loads the new version when it changed (an operator's hand edit or a CLI call counts from the
 * next request). A file that does not parse fails closed (nothing is found, changes are refused)
 * and is never overwritten.
 *
 * <p>Changes copy the bytes of the entries they do not touch from the current file and encode only
 * what is new: a registration writes the old file's bytes, the new entries and the closing bracket,
 * and extends the index in place. The original's shapes (an object of entries) and entries holding
 * a plaintext {@code token} are rewritten canonically at the next change, as before.
 */
public final class FileUserRepository implements UserRepository {
  private static final UserCodec CODEC = new UserCodec();
  private static final byte[] EMPTY = "[]\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n]\n".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK = 256 * 1024;
  private static final int ATTEMPTS = 5;
  private static final String PREFIX = "sha256:";

  /** One version of the file, as indexed. */
  private static final class State {
    final LockedJsonFile.Stamp stamp;
    final String problem;
    final AccountIndex index;

    /** Reads this version of the file; null when it is absent, failed or held in memory. */
    final Source source;

    /** The entries themselves, for the original's shapes (no positions to read from). */
    final List<UserAccount> held;

    /** The next change rewrites every entry canonically. */
    final boolean normalize;

    final long size;

    /**
     * The ids of the accounts being deleted, noted while the file was read; null for a version this
     * process wrote itself (its index was extended, not read again).
     */
    final List<String> deleting;

    State(
        LockedJsonFile.Stamp stamp,
        String problem,
        AccountIndex index,
        Source source,
        List<UserAccount> held,
        boolean normalize,
        long size,
        List<String> deleting) {
      this.stamp = stamp;
      this.problem = problem;
      this.index = index;
      this.source = source;
      this.held = held;
      this.normalize = normalize;
      this.size = size;
      this.deleting = deleting;
    }

    static State failed(LockedJsonFile.Stamp stamp, String problem) {
      return new State(stamp, problem, AccountIndex.empty(), null, List.of(), false, 0, List.of());
    }

    void retire() {
      if (source != null) {
        source.retire();
      }
    }
  }

  /** Thrown when the version being read is gone or changed: the caller looks again. */
  private static final class StaleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StaleException() {
      super(null, null, false, false);
    }
  }

  /**
   * A channel on one version of the file. A thread interrupted while reading closes a file channel
   * for everyone: it is reopened then, provided the file is still that version.
   */
  private static final class Source {
    private final LockedJsonFile file;
    private final LockedJsonFile.Stamp stamp;
    private volatile FileChannel channel;
    private volatile boolean retired;

    Source(LockedJsonFile file, LockedJsonFile.Stamp stamp, FileChannel channel) {
      this.file = file;
      this.stamp = stamp;
      this.channel = channel;
    }

    int read(long position, ByteBuffer into) throws IOException {
      boolean interrupted = false;
      try {
        for (int attempt = 0; ; attempt++) {
          FileChannel current = channel;
          try {
            return current.read(into, position);
          } catch (ClosedChannelException e) {
            interrupted |= Thread.interrupted();
            if (retired || attempt >= 3) {
              throw new StaleException();
            }
            reopen(current);
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void readFully(long position, byte[] into) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(into);
      while (buffer.hasRemaining()) {
        if (read(position + buffer.position(), buffer) < 0) {
          throw new StaleException();
        }
      }
    }

    private synchronized void reopen(FileChannel broken) {
      if (channel != broken) {
        return;
      }
      try {
        FileChannel fresh = FileChannel.open(file.path(), StandardOpenOption.READ);
        if (!stamp.equals(file.stamp())) {
          fresh.close();
          throw new StaleException();
        }
        channel = fresh;
      } catch (IOException e) {
        throw new StaleException();
      }
    }

    void retire() {
      retired = true;
      try {
        channel.close();
      } catch (IOException e) {
        // Closing a read-only channel: nothing to lose.
      }
    }
  }

  /** Reads a source from {@code start} on, by position (the channel is shared). */
  private static final class SourceInput extends InputStream {
    private final Source source;
    private final long end;
    private long position;

    SourceInput(Source source, long end) {
      this.source = source;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (position >= end) {
        return -1;
      }
      int n =
          source.read(
              position, ByteBuffer.wrap(into, offset, (int) Math.min(length, end - position)));
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }

  /** A change computed under the lock: the content to write (null: none) and what follows. */
  private interface Plan<R> {
    Outcome<R> apply(State fresh) throws IOException;
  }

  private record Outcome<R>(
      AtomicFiles.Content content,
      R value,
      java.util.function.Function<LockedJsonFile.Stamp, State> next) {}

  private final LockedJsonFile file;
  private final ObjectMapper json;
  private final EntryFileFormat format;
  private final EventLog events;
  private final AtomicReference<State> state = new AtomicReference<>(State.failed(null, null));

  public FileUserRepository(Path usersFile, ObjectMapper json, EventLog events) {
    this.file = new LockedJsonFile(usersFile);
    this.json = json;
    this.format = new EntryFileFormat(json, "users", false);
    this.events = events;
  }

  @Override
  public Optional<UserAccount> findByHash(String hash) {
    byte[] key = hashBytes(hash);
    if (key.length == 0) {
      return Optional.empty();
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      State current = current();
      int entry = current.index.findHash(key);
      if (entry < 0) {
        return Optional.empty();
      }
      UserAccount found = readOrNull(current, entry);
      if (found != null && Tokens.constantTimeEquals(found.hash(), hash)) {
        return Optional.of(found);
      }
      forget(current);
    }
    return Optional.empty();
  }

  @Override
  public Optional<UserAccount> findById(String id) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      State current = current();
      int entry = current.index.findId(id);
      if (entry < 0) {
        return Optional.empty();
      }
      UserAccount found = readOrNull(current, entry);
      if (found != null && found.id().equals(id)) {
        return Optional.of(found);
      }
      forget(current);
    }
    return Optional.empty();
  }

  @Override
  public List<UserAccount> list() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      State current = current();
      if (current.problem != null) {
        throw new InvalidStateFileException(current.problem);
      }
      if (current.held != null) {
        return current.held;
      }
      if (current.index.count == 0 || current.source == null) {
        return List.of();
      }
      try {
        List<UserAccount> all = readAll(current);
        if (all.size() == current.index.count) {
          return Collections.unmodifiableList(all);
        }
      } catch (StaleException | InvalidStateFileException | IOException e) {
        // Changed in place while read: look again.
      }
      forget(current);
    }
    throw new InvalidStateFileException("kept changing while it was read");
  }

  @Override
  public List<UserAccount> beingDeleted() {
    State current = current();
    if (current.problem != null) {
      throw new InvalidStateFileException(current.problem);
    }
    if (current.deleting == null) {
      // A version this process wrote: not worth indexing for a question asked at start-up.
      return list().stream().filter(UserAccount::beingDeleted).toList();
    }
    List<UserAccount> found = new ArrayList<>();
    for (String id : current.deleting) {
      findById(id).filter(UserAccount::beingDeleted).ifPresent(found::add);
    }
    return found;
  }

  @Override
  public void addAll(List<UserAccount> accounts) {
    List<UserAccount> additions = List.copyOf(accounts);
    change(
        fresh -> {
          Set<String> batch = new HashSet<>();
          byte[][] hashes = new byte[additions.size()][];
          String[] ids = new String[additions.size()];
          byte[][] encoded = new byte[additions.size()][];
          for (int i = 0; i < additions.size(); i++) {
            UserAccount addition = additions.get(i);
            String id = addition.id();
            if (fresh.index.findId(id) >= 0 || !batch.add(id)) {
              throw new IllegalStateException("an entry with id '" + id + "' exists already");
            }
            hashes[i] = checked(addition);
            ids[i] = id;
            encoded[i] = encode(addition);
          }
          if (additions.isEmpty()) {
            return new Outcome<>(null, null, null);
          }
          if (fresh.normalize || fresh.index.count == 0) {
            return rewriteAll(fresh, -1, null, -1, List.of(encoded), null);
          }
          long lastEnd = fresh.index.end(fresh.index.count - 1);
          long[] starts = new long[encoded.length];
          int[] lengths = new int[encoded.length];
          long position = lastEnd;
          for (int i = 0; i < encoded.length; i++) {
            starts[i] = position + SEPARATOR.length;
            lengths[i] = encoded[i].length;
            position = starts[i] + lengths[i];
          }
          long size = position + END.length;
          LockedJsonFile.Stamp from = fresh.stamp;
          return new Outcome<>(
              out -> {
                try (FileChannel source = openVerified(from)) {
                  copy(source, 0, lastEnd, out);
                }
                BufferedOutputStream buffered = new BufferedOutputStream(out, CHUNK);
                for (byte[] entry : encoded) {
                  buffered.write(SEPARATOR);
                  buffered.write(entry);
                }
                buffered.write(END);
                buffered.flush();
              },
              null,
              stamp -> {
                AccountIndex index = fresh.index.appended(hashes, ids, starts, lengths);
                return index == null ? forgotten() : written(stamp, index, size);
              });
        });
  }

  @Override
  public UserAccount update(String id, UnaryOperator<UserAccount> change) {
    return change(
        fresh -> {
          int entry = fresh.index.findId(id);
          if (entry < 0) {
            throw new UnknownEntryException(id);
          }
          UserAccount next = change.apply(readUnderLock(fresh, entry));
          byte[] hash = checked(next);
          byte[] encoded = encode(next);
          if (fresh.normalize) {
            return rewriteAll(fresh, entry, encoded, -1, List.of(), next);
          }
          long start = fresh.index.start(entry);
          long end = fresh.index.end(entry);
          long shift = encoded.length - (end - start);
          AccountIndex index =
              fresh.index.rewritten(entry, hash, next.id(), encoded.length, -1, shift);
          if (index == null) {
            throw new IllegalStateException("an entry with id '" + next.id() + "' exists already");
          }
          long size = fresh.size + shift;
          LockedJsonFile.Stamp from = fresh.stamp;
          long oldSize = fresh.size;
          return new Outcome<>(
              out -> {
                try (FileChannel source = openVerified(from)) {
                  copy(source, 0, start, out);
                  out.write(encoded);
                  copy(source, end, oldSize, out);
                }
              },
              next,
              stamp -> written(stamp, index, size));
        });
  }

  @Override
  public boolean delete(String id) {
    return change(
        fresh -> {
          int entry = fresh.index.findId(id);
          if (entry < 0) {
            return new Outcome<>(null, false, null);
          }
          if (fresh.normalize) {
            return rewriteAll(fresh, -1, null, entry, List.of(), true);
          }
          int count = fresh.index.count;
          if (count == 1) {
            return new Outcome<>(
                out -> out.write(EMPTY),
                true,
                stamp -> written(stamp, AccountIndex.empty(), EMPTY.length));
          }
          long cutFrom;
          long cutTo;
          if (entry < count - 1) {
            cutFrom = fresh.index.start(entry);
            cutTo = fresh.index.start(entry + 1);
          } else {
            cutFrom = fresh.index.end(entry - 1);
            cutTo = fresh.index.end(entry);
          }
          AccountIndex index = fresh.index.rewritten(-1, null, null, 0, entry, cutFrom - cutTo);
          long size = fresh.size - (cutTo - cutFrom);
          LockedJsonFile.Stamp from = fresh.stamp;
          long oldSize = fresh.size;
          return new Outcome<>(
              out -> {
                try (FileChannel source = openVerified(from)) {
                  copy(source, 0, cutFrom, out);
                  copy(source, cutTo, oldSize, out);
                }
              },
              true,
              stamp -> written(stamp, index, size));
        });
  }

  @Override
  public String problem() {
    return current().problem;
  }

  @Override
  public String name() {
    return AtomicFiles.nameOf(file.path());
  }

  @Override
  public CheckResult check() {
    State current = current();
    if (current.problem != null) {
      return CheckResult.failed(current.problem);
    }
    return CheckResult.ok(current.stamp != null && current.stamp.absent() ? "absent" : "parses");
  }

  // --- changes ---

  private <R> R change(Plan<R> plan) {
    try {
      return file.update(
          current -> {
            State fresh = underLock(current);
            Outcome<R> outcome;
            try {
              outcome = plan.apply(fresh);
            } catch (RuntimeException | IOException e) {
              retireUnlessCurrent(fresh);
              throw e;
            }
            if (outcome.content() == null) {
              retireUnlessCurrent(fresh);
              return new LockedJsonFile.Result<>(null, outcome.value());
            }
            return new LockedJsonFile.Result<>(
                outcome.content(),
                outcome.value(),
                stamp -> publish(fresh, outcome.next().apply(stamp)));
          });
    } catch (IOException e) {
      throw new StorageUnavailableException(e, file.path().toAbsolutePath().getParent());
    }
  }

  /**
   * Every entry encoded again (the original's shapes, plaintext tokens, or no entries yet): {@code
   * replaced} by {@code replacement}, {@code removed} left out, {@code added} at the end.
   */
  private <R> Outcome<R> rewriteAll(
      State fresh, int replaced, byte[] replacement, int removed, List<byte[]> added, R value) {
    int kept = fresh.index.count - (removed >= 0 ? 1 : 0);
    LockedJsonFile.Stamp from = fresh.stamp;
    return new Outcome<>(
        out -> {
          if (kept + added.size() == 0) {
            out.write(EMPTY);
            return;
          }
          try (FileChannel source =
              fresh.held == null && fresh.index.count > 0 ? openVerified(from) : null) {
            BufferedOutputStream buffered = new BufferedOutputStream(out, CHUNK);
            buffered.write('[');
            boolean first = true;
            for (int i = 0; i < fresh.index.count; i++) {
              if (i == removed) {
                continue;
              }
              byte[] bytes;
              if (i == replaced) {
                bytes = replacement;
              } else if (fresh.held != null) {
                bytes = encode(fresh.held.get(i));
              } else {
                bytes =
                    encode(
                        parse(readRange(source, fresh.index.start(i), fresh.index.length(i)), i));
              }
              buffered.write(first ? new byte[] {'\n'} : SEPARATOR);
              buffered.write(bytes);
              first = false;
            }
            for (byte[] bytes : added) {
              buffered.write(first ? new byte[] {'\n'} : SEPARATOR);
              buffered.write(bytes);
              first = false;
            }
            buffered.write(END);
            buffered.flush();
          }
        },
        value,
        stamp -> {
          try {
            return load();
          } catch (IOException e) {
            return forgotten();
          }
        });
  }

  private State written(LockedJsonFile.Stamp stamp, AccountIndex index, long size) {
    try {
      FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
      if (!stamp.equals(file.stamp())) {
        channel.close();
        return forgotten();
      }
      return new State(
          stamp, null, index, new Source(file, stamp, channel), null, false, size, null);
    } catch (IOException e) {
      return forgotten();
    }
  }

  /** A state that knows nothing: the next lookup loads the file. */
  private static State forgotten() {
    return State.failed(null, null);
  }

  private void publish(State fresh, State next) {
    State previous = state.getAndSet(next);
    if (previous != next) {
      previous.retire();
    }
    if (fresh != previous && fresh != next) {
      fresh.retire();
    }
  }

  private void retireUnlessCurrent(State fresh) {
    if (fresh != state.get()) {
      fresh.retire();
    }
  }

  /**
   * The state as the file is now, under the lock: the known one unless somebody wrote since; throws
   * {@link InvalidStateFileException} when the file does not parse.
   */
  private State underLock(LockedJsonFile.Current current) throws IOException {
    State known = state.get();
    if (known.problem == null && current.stamp().equals(known.stamp)) {
      return known;
    }
    State loaded = load();
    if (loaded.problem != null) {
      throw new InvalidStateFileException(loaded.problem);
    }
    return loaded;
  }

  private FileChannel openVerified(LockedJsonFile.Stamp expected) throws IOException {
    FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
    if (!expected.equals(file.stamp())) {
      channel.close();
      throw new IOException(name() + " changed while it was being rewritten");
    }
    return channel;
  }

  private static void copy(FileChannel source, long from, long to, OutputStream out)
      throws IOException {
    if (to <= from) {
      return;
    }
    byte[] buffer = new byte[(int) Math.min(CHUNK, to - from)];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    long position = from;
    while (position < to) {
      wrapped.clear().limit((int) Math.min(buffer.length, to - position));
      int n = source.read(wrapped, position);
      if (n < 0) {
        throw new EOFException("users.json is shorter than indexed");
      }
      out.write(buffer, 0, n);
      position += n;
    }
  }

  private static byte[] readRange(FileChannel source, long start, int length) throws IOException {
    byte[] bytes = new byte[length];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      if (source.read(buffer, start + buffer.position()) < 0) {
        throw new EOFException("users.json is shorter than indexed");
      }
    }
    return bytes;
  }

  private UserAccount readUnderLock(State fresh, int entry) throws IOException {
    try {
      return read(fresh, entry);
    } catch (StaleException e) {
      throw new IOException(name() + " changed while it was being read", e);
    }
  }

  /** Refuses what the file could not be read back as: an unsafe id or a malformed hash. */
  private static byte[] checked(UserAccount account) {
    byte[] hash = hashBytes(account.hash());
    if (account.id() == null || !EntryFields.SAFE_ID.matcher(account.id()).matches()) {
      throw new IllegalArgumentException("not a valid account id");
    }
    if (hash.length == 0) {
      throw new IllegalArgumentException("not a sha256 hash");
    }
    return hash;
  }

  private byte[] encode(UserAccount account) {
    return format.encode(CODEC.write(account));
  }

  // --- reading ---

  private State current() {
    State known = state.get();
    try {
      if (known.stamp != null && known.stamp.equals(file.stamp())) {
        return known;
      }
    } catch (IOException e) {
      return State.failed(null, name() + " cannot be read");
    }
    if (known.stamp != null && file.changing()) {
      // This process is replacing the file: its change publishes the next version in a moment.
      return known;
    }
    return refresh();
  }

  private synchronized State refresh() {
    State previous = state.get();
    State next;
    try {
      if (previous.stamp != null && previous.stamp.equals(file.stamp())) {
        return previous;
      }
      next = load();
    } catch (IOException e) {
      return State.failed(null, name() + " cannot be read");
    }
    if (next.problem != null) {
      record(
          EventType.TOKEN_FILE_INVALID,
          Payload.of(EventField.FILE, name())
              .with(EventField.REASON, next.problem.substring(name().length() + 1)));
    }
    if (state.compareAndSet(previous, next)) {
      previous.retire();
      return next;
    }
    next.retire();
    return state.get();
  }

  /** Makes the next lookup load the file again: {@code seen} did not match what it read. */
  private void forget(State seen) {
    if (state.compareAndSet(seen, forgotten())) {
      seen.retire();
    }
  }

  /** Writes an event about the file; a failing log must not stop the store from failing closed. */
  private void record(EventType type, Payload payload) {
    try {
      events.record(type, null, payload);
    } catch (RuntimeException e) {
      // Readiness reports the unwritable log.
    }
  }

  /**
   * Indexes the file as it is now. A file that does not parse gives a failed state (its problem
   * says why); a file replaced or changed while being read is read again.
   */
  private State load() throws IOException {
    for (int attempt = 0; ; attempt++) {
      LockedJsonFile.Stamp before = file.stamp();
      if (before.absent()) {
        return new State(before, null, AccountIndex.empty(), null, null, false, 0, List.of());
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file.path(), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        continue;
      }
      boolean kept = false;
      try {
        boolean last = attempt >= ATTEMPTS;
        if (!last && !before.equals(file.stamp())) {
          continue;
        }
        Source source = new Source(file, before, channel);
        State loaded;
        try {
          loaded = parse(before, source);
        } catch (InvalidStateFileException | StaleException e) {
          if (!last && !before.equals(file.stamp())) {
            continue;
          }
          String reason =
              e instanceof InvalidStateFileException ? e.getMessage() : "cannot be read";
          return State.failed(before, name() + " " + reason);
        }
        if (!last && !before.equals(file.stamp())) {
          continue;
        }
        kept = loaded.source == source;
        return loaded;
      } finally {
        if (!kept) {
          channel.close();
        }
      }
    }
  }

  private State parse(LockedJsonFile.Stamp stamp, Source source) throws IOException {
    SourceInput input = new SourceInput(source, Long.MAX_VALUE);
    try (JsonParser parser = json.createParser(new BufferedInputStream(input, 64 * 1024))) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidStateFileException("is empty");
      }
      if (first != JsonToken.START_ARRAY) {
        return held(stamp, source);
      }
      long expected = source.channel.size() / 256;
      AccountIndex.Builder builder =
          new AccountIndex.Builder((int) Math.min(expected, Integer.MAX_VALUE / 64));
      boolean normalize = false;
      List<String> deleting = new ArrayList<>();
      int index = 0;
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          throw new InvalidStateFileException("does not parse as JSON");
        }
        if (token != JsonToken.START_OBJECT) {
          throw new InvalidStateFileException("entry " + index + " is not an object");
        }
        long start = parser.getTokenLocation().getByteOffset();
        ObjectNode node = parser.readValueAsTree();
        long end = parser.getCurrentLocation().getByteOffset();
        UserAccount account = CODEC.read(node, index);
        normalize |= node.has("token");
        if (account.beingDeleted()) {
          deleting.add(account.id());
        }
        if (!builder.add(hashBytes(account.hash()), account.id(), start, (int) (end - start))) {
          throw new InvalidStateFileException("has two entries with id '" + account.id() + "'");
        }
        index++;
      }
      if (parser.nextToken() != null) {
        throw new InvalidStateFileException("does not parse as JSON");
      }
      return new State(
          stamp, null, builder.build(), source, null, normalize, input.position, deleting);
    } catch (JsonProcessingException e) {
      throw new InvalidStateFileException("does not parse as JSON");
    }
  }

  /** The original's shapes: parsed whole and held in memory until the next change rewrites them. */
  private State held(LockedJsonFile.Stamp stamp, Source source) throws IOException {
    long size = source.channel.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new InvalidStateFileException("is too large");
    }
    byte[] bytes = new byte[(int) size];
    source.readFully(0, bytes);
    List<UserAccount> entries = new ArrayList<>();
    AccountIndex.Builder builder = new AccountIndex.Builder(16);
    format.parse(
        bytes,
        node -> {
          UserAccount account = CODEC.read(node, entries.size());
          if (!builder.add(hashBytes(account.hash()), account.id(), -1, 0)) {
            throw new InvalidStateFileException("has two entries with id '" + account.id() + "'");
          }
          entries.add(account);
        });
    List<String> deleting =
        entries.stream().filter(UserAccount::beingDeleted).map(UserAccount::id).toList();
    return new State(
        stamp, null, builder.build(), null, List.copyOf(entries), true, size, deleting);
  }

  private List<UserAccount> readAll(State current) throws IOException {
    List<UserAccount> all = new ArrayList<>(current.index.count);
    SourceInput input = new SourceInput(current.source, current.size);
    try (JsonParser parser = json.createParser(new BufferedInputStream(input, 64 * 1024))) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new StaleException();
      }
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token != JsonToken.START_OBJECT) {
          throw new StaleException();
        }
        all.add(CODEC.read(parser.readValueAsTree(), all.size()));
      }
    } catch (JsonProcessingException e) {
      throw new StaleException();
    }
    return all;
  }

  private UserAccount readOrNull(State current, int entry) {
    try {
      return read(current, entry);
    } catch (StaleException | InvalidStateFileException | IOException e) {
      return null;
    }
  }

  private UserAccount read(State current, int entry) throws IOException {
    if (current.held != null) {
      return current.held.get(entry);
    }
    if (current.source == null) {
      throw new StaleException();
    }
    byte[] bytes = new byte[current.index.length(entry)];
    current.source.readFully(current.index.start(entry), bytes);
    return parse(bytes, entry);
  }

  private UserAccount parse(byte[] bytes, int entry) {
    JsonNode node;
    try {
      node = json.readTree(bytes);
    } catch (IOException e) {
      throw new StaleException();
    }
    if (!(node instanceof ObjectNode)) {
      throw new StaleException();
    }
    return CODEC.read((ObjectNode) node, entry);
  }

  /** {@code sha256:} and 64 lowercase hex digits as 32 bytes; none for anything else. */
  static byte[] hashBytes(String hash) {
    if (hash == null
        || hash.length() != PREFIX.length() + 2 * AccountIndex.HASH_BYTES
        || !hash.startsWith(PREFIX)) {
      return new byte[0];
    }
    byte[] bytes = new byte[AccountIndex.HASH_BYTES];
    for (int i = 0; i < bytes.length; i++) {
      int high = hexDigit(hash.charAt(PREFIX.length() + 2 * i));
      int low = hexDigit(hash.charAt(PREFIX.length() + 2 * i + 1));
      if (high < 0 || low < 0) {
        return new byte[0];
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
