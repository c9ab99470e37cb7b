package org.semptify.store.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.semptify.files.AtomicFiles;
import org.semptify.files.PrivateFiles;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.BlobStore;

/**
 * Blobs on files, in the layout the vault has always used: {@code uploads/vault/<user id>/blobs/}
 * holds {@code <doc id>.bin} and, between the two phases of an upload, {@code pending-<doc
 * id>.bin}. Folders are 0700 and files 0600; a blob is fsynced before its rename.
 */
public final class FileBlobStore implements BlobStore {
  private static final String PENDING = "pending-";
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private final Path vaultRoot;

  /** Blobs under {@code uploads/vault/}. */
  public FileBlobStore(Path uploads) {
    this.vaultRoot = uploads.resolve("vault");
  }

  /** {@code uploads/vault/}, where every vault has its folder. */
  Path vaultRoot() {
    return vaultRoot;
  }

  Path folder(String userId) {
    if (!USER_ID.matcher(userId).matches()) {
      throw new IllegalArgumentException("not a user id");
    }
    return vaultRoot.resolve(userId);
  }

  Path blobs(String userId) {
    return folder(userId).resolve("blobs");
  }

  private static String docId(String docId) {
    if (!DOC_ID.matcher(docId).matches()) {
      throw new IllegalArgumentException("not a document id");
    }
    return docId;
  }

  @Override
  public long writePending(String userId, String docId, BlobWriter writer) throws IOException {
    Path blobs = blobs(userId);
    createFolders(userId);
    Path temp = blobs.resolve(AtomicFiles.TEMP_PREFIX + docId(docId));
    Path pending = blobs.resolve(PENDING + docId + ".bin");
    long size;
    try {
      FileChannel channel = openOnDisk(userId, temp);
      try (channel;
          BlobFileOutput file = new BlobFileOutput(channel, temp)) {
        OutputStream out = toDisk(userId, file);
        writer.writeTo(out);
        out.close();
        onDisk(userId, () -> channel.force(true));
        size = channel.size();
      }
      onDisk(userId, () -> Files.move(temp, pending, StandardCopyOption.ATOMIC_MOVE));
    } finally {
      Files.deleteIfExists(temp);
    }
    return size;
  }

  @Override
  public void commitBlob(String userId, String docId) {
    Path blobs = blobs(userId);
    onDisk(
        userId,
        () ->
            Files.move(
                blobs.resolve(PENDING + docId(docId) + ".bin"),
                blobs.resolve(docId + ".bin"),
                StandardCopyOption.ATOMIC_MOVE));
    AtomicFiles.fsyncDirectory(blobs);
  }

  @Override
  public void discardPending(String userId, String docId) throws IOException {
    Files.deleteIfExists(blobs(userId).resolve(PENDING + docId(docId) + ".bin"));
  }

  @Override
  public Optional<StoredBlob> openBlob(String userId, String docId) throws IOException {
    Path file = blobs(userId).resolve(docId(docId) + ".bin");
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        long size = channel.size();
        // A blob larger than a block is read in 1 MiB blocks; a small one as it is.
        InputStream content =
            size > BlobFileInput.BLOCK_BYTES
                ? new BlobFileInput(channel, file)
                : Channels.newInputStream(channel);
        return Optional.of(new StoredBlob(content, size));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void deleteBlob(String userId, String docId) throws IOException {
    Files.deleteIfExists(blobs(userId).resolve(docId(docId) + ".bin"));
  }

  @Override
  public List<BlobEntry> listBlobs(String userId) {
    Path blobs = blobs(userId);
    List<BlobEntry> entries = new ArrayList<>();
    if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
      return entries;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs, "*.bin")) {
      for (Path file : files) {
        String name = AtomicFiles.nameOf(file);
        boolean pending = name.startsWith(PENDING);
        entries.add(
            new BlobEntry(
                name.substring(pending ? PENDING.length() : 0, name.length() - ".bin".length()),
                pending));
      }
    } catch (IOException e) {
      throw new StorageUnavailableException(e, folder(userId), blobs);
    }
    return entries;
  }

  @Override
  public long usedBytes(String userId) {
    Path blobs = blobs(userId);
    if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    long total = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
      for (Path file : files) {
        try {
          total += Files.size(file);
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    } catch (IOException e) {
      return total;
    }
    return total;
  }

  /** The vault's folder and its {@code blobs/}, 0700, created as needed. */
  void createFolders(String userId) {
    Path folder = folder(userId);
    onDisk(
        userId,
        () -> {
          for (Path dir : new Path[] {vaultRoot, folder, folder.resolve("blobs")}) {
            PrivateFiles.ownFolder(dir);
          }
        });
  }

  /** Something written to a vault's folders. */
  @FunctionalInterface
  interface DiskWrite {
    void run() throws IOException;
  }

  /** Runs a write; a failure of the disk becomes {@link StorageUnavailableException}. */
  void onDisk(String userId, DiskWrite write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new StorageUnavailableException(e, folder(userId), blobs(userId));
    }
  }

  private FileChannel openOnDisk(String userId, Path file) {
    try {
      return FileChannel.open(
          file,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PrivateFiles.fileMode());
    } catch (IOException e) {
      throw new StorageUnavailableException(e, folder(userId), blobs(userId));
    }
  }

  /**
   * The blob file as a destination (in large, direct writes: {@link BlobFileOutput}): write
   * failures become {@link StorageUnavailableException}, and closing it writes the rest and leaves
   * the file open for its fsync.
   */
  private OutputStream toDisk(String userId, BlobFileOutput file) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        onDisk(userId, () -> file.write(b));
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        onDisk(userId, () -> file.write(bytes, offset, length));
      }

      @Override
      public void close() {
        onDisk(userId, file::finish);
      }
    };
  }
}
