package org.semptify.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one way Semptify creates folders and files: every folder it creates is 0700 and every file
 * 0600, from the moment it exists (created with that mode, never widened by the umask, and never
 * chmod-ed after the fact, which would leave a window).
 */
public final class PrivateFiles {
  /** Owner only: every folder Semptify creates. */
  public static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");

  /** Owner read/write only: every file Semptify creates. */
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** The attribute that creates a file 0600 (the umask can only narrow it). */
  public static FileAttribute<Set<PosixFilePermission>> fileMode() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /**
   * Opens {@code file} with {@code options}; if they create it, it is created 0600. An existing
   * file keeps its mode.
   */
  public static FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
    return FileChannel.open(file, options, fileMode());
  }

  /**
   * Creates {@code dir} and any missing parent, each 0700; folders that already exist are left as
   * they are (the data root may be an operator's folder, or the working directory).
   */
  public static void createFolders(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.isDirectory(p); ) {
      missing.push(p);
      p = p.getParent();
    }
    for (Path folder : missing) {
      try {
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        // The umask may have narrowed the mode; make it exact (never wider than 0700).
        Files.setPosixFilePermissions(folder, FOLDER);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(folder)) {
          throw e;
        }
        // Created meanwhile by another thread or process, with this same mode.
      }
    }
  }

  /**
   * A folder that belongs to Semptify ({@code logs/}, {@code uploads/}, a vault): created 0700 if
   * missing, and {@link #tighten tightened} if an older version left it open to others.
   */
  public static void ownFolder(Path dir) throws IOException {
    createFolders(dir);
    tighten(dir);
  }

  /**
   * Takes every group and other permission away from a file or folder Semptify made (an older
   * version made some 0755 or 0644). The owner's bits stay: an operator who marked it read-only
   * still means "do not write here".
   */
  public static void tighten(Path path) throws IOException {
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
    Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
    owner.addAll(current);
    owner.retainAll(FOLDER);
    if (!owner.equals(current)) {
      Files.setPosixFilePermissions(path, owner);
    }
  }
}
