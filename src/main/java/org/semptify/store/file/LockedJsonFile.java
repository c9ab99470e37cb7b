package org.semptify.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.semptify.files.AtomicFiles;
import org.semptify.files.PrivateFiles;

/**
 * A JSON state file shared by the server and the command line. Changes happen under an exclusive
 * lock on a sibling {@code .lock} file (so a CLI call while the server runs is safe) and are
 * written atomically. {@link #stamp()} identifies the file's current version cheaply, so readers
 * can notice an operator's hand edit without parsing the file again.
 */
public final class LockedJsonFile {
  /**
   * Identifies one version of the file: absent, or its (inode, size, modification time at the file
   * system's full precision — two edits within one millisecond must still differ).
   */
  public record Stamp(Object identity) {
    static final Stamp ABSENT = new Stamp("absent");

    public boolean absent() {
      return this.equals(ABSENT);
    }
  }

  /** What a change computes from the file as it is under the lock. */
  @FunctionalInterface
  public interface Change<T> {
    Result<T> apply(Current current) throws IOException;
  }

  /**
   * The file under the lock: its stamp, and its bytes read only if asked for, so that a caller
   * whose parsed copy matches the stamp need not read a large file again.
   */
  public final class Current {
    private final Stamp stamp;

    private Current(Stamp stamp) {
      this.stamp = stamp;
    }

    public Stamp stamp() {
      return stamp;
    }

    /** The bytes, or null when the file is absent. */
    public byte[] bytes() throws IOException {
      return stamp.absent() ? null : org.semptify.files.FileBytes.readAll(file);
    }
  }

  /**
   * The new content to write (null: write nothing) and the value handed back to the caller; after a
   * write, {@link #update} hands back the new stamp through {@code onWritten}.
   */
  public record Result<T>(
      AtomicFiles.Content newContent, T value, java.util.function.Consumer<Stamp> onWritten) {
    public Result(AtomicFiles.Content newContent, T value) {
      this(newContent, value, stamp -> {});
    }
  }

  /**
   * One lock per state file for the whole process: the operating system grants the file lock to a
   * process, and a second {@link FileChannel#lock()} on it from the same process throws instead of
   * waiting, so threads and several instances on the same file first take this one. At most one
   * entry per state file.
   */
  private static final ConcurrentMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final ReentrantLock threadLock;

  public LockedJsonFile(Path file) {
    this.file = file;
    this.lockFile = file.resolveSibling(AtomicFiles.nameOf(file) + ".lock");
    this.threadLock =
        PROCESS_LOCKS.computeIfAbsent(
            file.toAbsolutePath().normalize(), path -> new ReentrantLock());
  }

  public Path path() {
    return file;
  }

  /** Whether a thread of this process is changing the file right now (holds its lock). */
  public boolean changing() {
    return threadLock.isLocked() && !threadLock.isHeldByCurrentThread();
  }

  public Stamp stamp() throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(
          List.of(
              Objects.toString(attributes.fileKey()),
              attributes.size(),
              attributes.lastModifiedTime()));
    } catch (NoSuchFileException e) {
      return Stamp.ABSENT;
    }
  }

  /** The file's bytes and the stamp they belong to; bytes are null when the file is absent. */
  public record Snapshot(Stamp stamp, byte[] bytes) {}

  public Snapshot read() throws IOException {
    // Stamp before and after: a concurrent atomic replace between the two shows as a mismatch.
    for (int attempt = 0; ; attempt++) {
      Stamp before = stamp();
      if (before.absent()) {
        return new Snapshot(before, null);
      }
      byte[] bytes;
      try {
        bytes = org.semptify.files.FileBytes.readAll(file);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (before.equals(stamp()) || attempt >= 3) {
        return new Snapshot(before, bytes);
      }
    }
  }

  /**
   * The bytes of each file (null when absent), read while holding every file's lock at once (taken
   * in the order of their paths, so two such reads never wait for each other): no change by the
   * server or a command lands between the reads. The locks are held for the reads alone.
   */
  public static List<byte[]> readTogether(List<LockedJsonFile> files) throws IOException {
    List<LockedJsonFile> ordered = new java.util.ArrayList<>(files);
    ordered.sort(java.util.Comparator.comparing(f -> f.file.toAbsolutePath().normalize()));
    java.util.Deque<AutoCloseable> held = new java.util.ArrayDeque<>();
    Set<Path> locked = new java.util.HashSet<>();
    try {
      for (LockedJsonFile file : ordered) {
        if (!locked.add(file.file.toAbsolutePath().normalize())) {
          continue; // the same file twice
        }
        file.threadLock.lock();
        ReentrantLock taken = file.threadLock;
        held.push(taken::unlock);
        FileChannel channel =
            PrivateFiles.open(
                file.lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        held.push(channel);
        held.push(channel.lock());
      }
      List<byte[]> contents = new java.util.ArrayList<>();
      for (LockedJsonFile file : files) {
        try {
          contents.add(Files.readAllBytes(file.file));
        } catch (NoSuchFileException e) {
          contents.add(null);
        }
      }
      return contents;
    } finally {
      IOException failure = null;
      while (!held.isEmpty()) {
        try {
          held.pop().close();
        } catch (Exception e) {
          failure =
              failure == null ? new IOException("cannot release a state file lock", e) : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * Reads the current bytes under the cross-process lock, applies {@code change}, and atomically
   * writes its new content (0600) when there is one.
   */
  public <T> T update(Change<T> change) throws IOException {
    threadLock.lock();
    try (FileChannel channel =
            PrivateFiles.open(
                lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        FileLock ignored = channel.lock()) {
      Result<T> result = change.apply(new Current(stamp()));
      if (result.newContent() != null) {
        AtomicFiles.write(file, result.newContent(), AtomicFiles.OWNER_ONLY);
        result.onWritten().accept(stamp()); // still under the lock: nobody else wrote in between
      }
      return result.value();
    } finally {
      threadLock.unlock();
    }
  }
}
