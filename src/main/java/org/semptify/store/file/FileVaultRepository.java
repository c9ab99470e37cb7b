package org.semptify.store.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semptify.files.AtomicFiles;
import org.semptify.files.PrivateFiles;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.BlobStore;
import org.semptify.store.VaultRepository;

/**
 * Vaults on files, in the layout the vault has always used: {@code uploads/vault/<user id>/} holds
 * {@code <name>.bin} for each small document ({@code manifest.bin}, {@code records.bin}), replaced
 * through {@link AtomicFiles} (temp, fsync, rename), 0600 in 0700 folders. The blobs go to a {@link
 * BlobStore}: by default {@link FileBlobStore} in the vault's {@code blobs/} folder, or a bucket.
 */
public final class FileVaultRepository implements VaultRepository {
  private static final Pattern NAME = Pattern.compile("[a-z]{1,32}");

  private final FileBlobStore folders;
  private final BlobStore blobs;

  /** Documents and blobs on files under {@code uploads/vault/}. */
  public FileVaultRepository(Path uploads) {
    this(uploads, new FileBlobStore(uploads));
  }

  /** Documents on files under {@code uploads/vault/}, blobs in {@code blobs}. */
  public FileVaultRepository(Path uploads, BlobStore blobs) {
    this.folders = new FileBlobStore(uploads);
    this.blobs = blobs;
  }

  private Path document(String userId, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a document name");
    }
    return folders.folder(userId).resolve(name + ".bin");
  }

  @Override
  public Optional<byte[]> readDocument(String userId, String name) throws IOException {
    Path file = document(userId, name);
    try {
      return Optional.of(org.semptify.files.FileBytes.readAll(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Modification time, size and inode: every replacement is a new file, so a new version. */
  @Override
  public Optional<String> documentVersion(String userId, String name) throws IOException {
    Path file = document(userId, name);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(
          attributes.lastModifiedTime() + "/" + attributes.size() + "/" + attributes.fileKey());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> vaultIds() {
    Path root = folders.vaultRoot();
    List<String> ids = new java.util.ArrayList<>();
    if (!Files.isDirectory(root)) {
      return ids;
    }
    try (java.nio.file.DirectoryStream<Path> vaults = Files.newDirectoryStream(root)) {
      for (Path vault : vaults) {
        String id = AtomicFiles.nameOf(vault);
        if (Files.isDirectory(vault) && id.matches("[A-Za-z0-9_-]{1,64}")) {
          ids.add(id);
        }
      }
    } catch (IOException e) {
      throw new StorageUnavailableException(e, root);
    }
    java.util.Collections.sort(ids);
    return ids;
  }

  @Override
  public List<String> documentNames(String userId) {
    Path folder = folders.folder(userId);
    List<String> names = new java.util.ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return names;
    }
    try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.bin")) {
      for (Path file : files) {
        String name = AtomicFiles.nameOf(file);
        name = name.substring(0, name.length() - ".bin".length());
        if (NAME.matcher(name).matches() && Files.isRegularFile(file)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw unavailable(userId, e);
    }
    java.util.Collections.sort(names);
    return names;
  }

  @Override
  public StorageUnavailableException unavailable(String userId, IOException cause) {
    return new StorageUnavailableException(cause, folders.folder(userId), folders.blobs(userId));
  }

  @Override
  public void replaceDocument(String userId, String name, byte[] content) {
    Path file = document(userId, name);
    folders.createFolders(userId);
    folders.onDisk(userId, () -> AtomicFiles.write(file, content, PrivateFiles.FILE));
  }

  @Override
  public long writePending(String userId, String docId, BlobWriter writer) throws IOException {
    return blobs.writePending(userId, docId, writer);
  }

  @Override
  public void commitBlob(String userId, String docId) {
    blobs.commitBlob(userId, docId);
  }

  @Override
  public void discardPending(String userId, String docId) throws IOException {
    blobs.discardPending(userId, docId);
  }

  @Override
  public Optional<StoredBlob> openBlob(String userId, String docId) throws IOException {
    return blobs.openBlob(userId, docId);
  }

  @Override
  public void deleteBlob(String userId, String docId) throws IOException {
    blobs.deleteBlob(userId, docId);
  }

  @Override
  public void deleteDocument(String userId, String name) throws IOException {
    if (Files.deleteIfExists(document(userId, name))) {
      AtomicFiles.fsyncDirectory(folders.folder(userId));
    }
  }

  /**
   * Deletes the vault's folder tree without following links (a link is removed, never its target),
   * deepest first, then makes the removal durable in {@code vault/}.
   */
  @Override
  public void deleteVault(String userId) throws IOException {
    blobs.deleteAllBlobs(userId); // they may live elsewhere (a bucket)
    Path folder = folders.folder(userId);
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    deleteTree(folder);
    AtomicFiles.fsyncDirectory(folders.vaultRoot());
  }

  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        entries.forEach(children::add);
      }
      for (Path child : children) {
        deleteTree(child);
      }
    }
    Files.deleteIfExists(path);
  }

  @Override
  public List<BlobEntry> listBlobs(String userId) {
    return blobs.listBlobs(userId);
  }

  @Override
  public long usedBytes(String userId) {
    return blobs.usedBytes(userId);
  }
}
