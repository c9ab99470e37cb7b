package org.semptify.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.semptify.files.AtomicFiles;
import org.semptify.files.PrivateFiles;

/**
 * Restores an archive into an empty folder, checking it as it is read (as {@link BackupReader}
 * does): folders 0700, files 0600, each file fsynced, then every folder. When the archive turns out
 * not to be intact, everything written is removed again and the folder is left empty.
 */
public final class BackupRestorer {
  private final BackupReader reader;

  public BackupRestorer(BackupReader reader) {
    this.reader = reader;
  }

  /** The target folder exists and holds something: restoring never mixes two data roots. */
  public static final class NotEmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotEmptyException(Path folder) {
      super(folder + " is not an empty folder: restore only into a new or empty one");
    }
  }

  /** Whether {@code folder} may be restored into: it does not exist, or is an empty folder. */
  public static void requireEmpty(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotEmptyException(folder);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      if (entries.iterator().hasNext()) {
        throw new NotEmptyException(folder);
      }
    }
  }

  public BackupReader.Checked restore(InputStream in, String privateKeyset, Path target)
      throws IOException {
    Path root = target.toAbsolutePath().normalize();
    requireEmpty(root);
    PrivateFiles.createFolders(root);
    PrivateFiles.tighten(root); // an empty folder of the operator's: it will hold secrets
    Set<Path> folders = new LinkedHashSet<>();
    folders.add(root);
    boolean done = false;
    try {
      BackupReader.Checked checked =
          reader.read(in, privateKeyset, name -> create(root, name, folders));
      for (String folder : List.of("security", "logs", "uploads")) {
        Path path = root.resolve(folder);
        PrivateFiles.createFolders(path);
        folders.add(path);
      }
      List<Path> deepestFirst = new ArrayList<>(folders);
      deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
      for (Path folder : deepestFirst) {
        AtomicFiles.fsyncDirectory(folder);
      }
      done = true;
      return checked;
    } finally {
      if (!done) {
        empty(root);
      }
    }
  }

  /** A new file for an entry (its name already checked by {@link ArchivePaths}). */
  private static OutputStream create(Path root, String name, Set<Path> folders) throws IOException {
    Path file = root.resolve(name).normalize();
    Path parent = file.getParent();
    if (!file.startsWith(root) || parent == null) {
      throw new BackupException(name + ": outside the data root");
    }
    for (Path folder = parent;
        folder != null && !folder.equals(root);
        folder = folder.getParent()) {
      folders.add(folder);
    }
    PrivateFiles.createFolders(parent);
    FileChannel channel =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PrivateFiles.fileMode());
    return new FilterOutputStream(Channels.newOutputStream(channel)) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        try (channel) {
          channel.force(true);
        }
      }
    };
  }

  /** Removes everything under {@code root} (a restore that failed), keeping {@code root}. */
  private static void empty(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> paths = new ArrayList<>(all.toList());
      paths.sort(Comparator.comparingInt(Path::getNameCount).reversed());
      for (Path path : paths) {
        if (!path.equals(root)) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
