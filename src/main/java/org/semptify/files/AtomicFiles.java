package org.semptify.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes state files so that a crash or a full disk never leaves a truncated file behind: the new
 * content goes to a temporary file in the same folder, is flushed to disk, and then atomically
 * renamed over the target. Readers see the old file or the new one, never a mix.
 */
public final class AtomicFiles {
  /** Owner read/write only: every file Semptify writes (see {@link PrivateFiles}). */
  public static final Set<PosixFilePermission> OWNER_ONLY = PrivateFiles.FILE;

  /** Prefix of temporary files, so that start-up can remove leftovers of an interrupted write. */
  public static final String TEMP_PREFIX = ".tmp-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * Content written as a stream, for files too large to build in memory first; the stream is the
   * file's, unbuffered, so content made of many small pieces buffers them itself.
   */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    write(target, out -> out.write(content), permissions);
  }

  public static void write(Path target, Content content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = folderOf(target);
    requireOwnerWritable(dir);
    Path temp = dir.resolve(TEMP_PREFIX + nameOf(target) + "-" + randomSuffix());
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(permissions))) {
        content.writeTo(Channels.newOutputStream(channel));
        channel.force(true);
      }
      // The umask may have narrowed the create mode; make it exact.
      Files.setPosixFilePermissions(temp, permissions);
      move(temp, target);
      fsyncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates {@code target} with {@code content} only if it does not exist yet. Returns false (and
   * changes nothing) when another process or thread created it first.
   */
  public static boolean createIfAbsent(
      Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    Path dir = folderOf(target);
    Path temp = dir.resolve(TEMP_PREFIX + nameOf(target) + "-" + randomSuffix());
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(permissions))) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.setPosixFilePermissions(temp, permissions);
      try {
        // A hard link fails if the target exists: atomic create-if-absent on POSIX file systems.
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      fsyncDirectory(dir);
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path folderOf(Path target) {
    return java.util.Objects.requireNonNull(
        target.toAbsolutePath().getParent(), "a state file lives in a folder");
  }

  /** The file name as a string ({@code ""} for a root path, which never holds state). */
  public static String nameOf(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString();
  }

  /**
   * Refuses to write into a folder whose owner-write bit is off. Servers often run as root, which
   * the kernel lets write anywhere; a folder an operator marked read-only still means "not here".
   */
  public static void requireOwnerWritable(Path dir) throws IOException {
    if (!Files.getPosixFilePermissions(dir)
            .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)
        || !Files.isWritable(dir)) {
      throw new IOException(dir + " is read-only");
    }
  }

  public static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems do not allow syncing a directory; the rename itself is still atomic.
    }
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically: " + target.getParent(), e);
    }
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
