package org.semptify.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.semptify.files.PrivateFiles;

/**
 * An append-only line file with size-based rotation: when the next line would push the file past
 * {@code maxBytes}, {@code name} becomes {@code name.1}, older files shift up, and at most {@code
 * backups} are kept. The file is opened per line: an operator may delete or move it at any time,
 * and a read-only file or folder is noticed at once instead of being hidden behind an open handle.
 *
 * <p>The server and the command line append to the same {@code events.log}, so each append (size
 * check, rotation, write) happens under an exclusive lock on a sibling {@code name.lock} file that
 * is never rotated: two processes never rotate at once, nor write into a file being rotated away.
 * The operating system grants that lock to a whole process, so threads (and several instances on
 * the same file within one process) first take a lock shared by the process.
 */
public final class RotatingFile {

  private final Path file;
  private final long maxBytes;
  private final int backups;
  private final boolean syncEachLine;
  private final Path lockFile;
  private volatile boolean lastWriteFailed;
  private final ReentrantLock lock;

  /**
   * One lock per log file for the whole process: a second {@link FileChannel#lock()} on the same
   * file from the same process throws instead of waiting. At most one entry per log file.
   */
  private static final ConcurrentMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

  public RotatingFile(Path file, long maxBytes, int backups, boolean syncEachLine) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.backups = backups;
    this.syncEachLine = syncEachLine;
    this.lockFile = file.resolveSibling(org.semptify.files.AtomicFiles.nameOf(file) + ".lock");
    this.lock =
        PROCESS_LOCKS.computeIfAbsent(
            file.toAbsolutePath().normalize(), path -> new ReentrantLock());
  }

  public Path path() {
    return file;
  }

  /** Appends one line (a newline is added). Throws when the line could not be written whole. */
  public void append(String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      requireFolderWritable(); // before the lock file is created in it
      try (FileChannel lockChannel =
              FileChannel.open(
                  lockFile,
                  Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  PrivateFiles.fileMode());
          FileLock ignored = lockChannel.lock()) {
        requireWritable(); // under the lock: no other process is rotating the file away
        appendLocked(bytes);
      }
    } finally {
      lock.unlock();
    }
  }

  private void appendLocked(byte[] bytes) throws IOException {
    long size = sizeOrZero();
    if (size > 0 && size + bytes.length > maxBytes) {
      rotate();
    }
    try (FileChannel channel =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            PrivateFiles.fileMode())) {
      long before = channel.size();
      try {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        if (syncEachLine) {
          channel.force(false);
        }
      } catch (IOException e) {
        // A line cut short (a full disk) would swallow the next one: cut the file back to its
        // last whole line. Shrinking needs no space, so this works on the full disk too.
        try {
          channel.truncate(before);
        } catch (IOException ignored) {
          // Nothing more to do; the caller learns the write failed either way.
        }
        lastWriteFailed = true;
        throw e;
      }
    }
    lastWriteFailed = false;
  }

  /** A file of this log opened for reading, and its size when it was opened. */
  public record OpenedCopy(String name, FileChannel channel, long size) {}

  /**
   * Opens this file and its rotated copies ({@code name.1}, {@code name.2} …, any that exist) for
   * reading, under the append lock: every size is at a line boundary and no rotation is half done.
   * The lock is held only while opening; the caller reads the first {@code size} bytes of each
   * channel afterwards (an append or a rotation then changes nothing it reads) and closes them.
   */
  public List<OpenedCopy> openForCopy() throws IOException {
    String base = org.semptify.files.AtomicFiles.nameOf(file);
    java.util.regex.Pattern rotated =
        java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(base) + "\\.[0-9]{1,4}");
    List<OpenedCopy> copies = new ArrayList<>();
    lock.lock();
    try (FileChannel lockChannel =
            FileChannel.open(
                lockFile,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PrivateFiles.fileMode());
        FileLock ignored = lockChannel.lock()) {
      List<Path> files = new ArrayList<>();
      try (java.nio.file.DirectoryStream<Path> all =
          Files.newDirectoryStream(
              java.util.Objects.requireNonNull(
                  file.toAbsolutePath().getParent(), "log file has a folder"))) {
        for (Path each : all) {
          String name = org.semptify.files.AtomicFiles.nameOf(each);
          if ((name.equals(base) || rotated.matcher(name).matches())
              && Files.isRegularFile(each, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            files.add(each);
          }
        }
      }
      files.sort(java.util.Comparator.comparing(org.semptify.files.AtomicFiles::nameOf));
      for (Path each : files) {
        FileChannel channel = FileChannel.open(each, StandardOpenOption.READ);
        copies.add(
            new OpenedCopy(org.semptify.files.AtomicFiles.nameOf(each), channel, channel.size()));
      }
      return copies;
    } catch (IOException | RuntimeException e) {
      for (OpenedCopy copy : copies) {
        copy.channel().close();
      }
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * True when the last attempt to append failed (a full disk, an I/O error), until one succeeds:
   * permissions alone do not show a full disk, so readiness asks this too.
   */
  public boolean lastWriteFailed() {
    return lastWriteFailed;
  }

  /**
   * True when a line could be appended now as far as permissions tell. The process usually runs as
   * root in containers, where the kernel ignores missing write bits; an operator who marks the file
   * or folder read-only still means "do not write here", so the bits are checked explicitly.
   */
  public boolean writable() {
    try {
      requireWritable();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void requireWritable() throws IOException {
    requireFolderWritable();
    if (Files.exists(file) && (!Files.isRegularFile(file) || !ownerMayWrite(file))) {
      throw new IOException("log file is not writable");
    }
  }

  private void requireFolderWritable() throws IOException {
    Path dir =
        java.util.Objects.requireNonNull(
            file.toAbsolutePath().getParent(), "log file has a folder");
    if (!Files.isDirectory(dir) || !ownerMayWrite(dir)) {
      throw new IOException("log folder is not writable");
    }
  }

  public static boolean ownerMayWrite(Path path) throws IOException {
    return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_WRITE)
        && Files.isWritable(path);
  }

  private long sizeOrZero() throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private void rotate() throws IOException {
    if (backups == 0) {
      Files.deleteIfExists(file);
      return;
    }
    Files.deleteIfExists(numbered(backups));
    for (int i = backups - 1; i >= 1; i--) {
      Path from = numbered(i);
      if (Files.exists(from)) {
        Files.move(from, numbered(i + 1), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.move(file, numbered(1), StandardCopyOption.ATOMIC_MOVE);
  }

  private Path numbered(int n) {
    return file.resolveSibling(org.semptify.files.AtomicFiles.nameOf(file) + "." + n);
  }
}
