package org.semptify.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.semptify.files.AtomicFiles;
import org.semptify.ops.RotatingFile;
import org.semptify.store.DataRoot;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.StateFileAccess;
import org.semptify.vault.SigningKey;

/**
 * Takes an online backup of a data root into one tar, without stopping the server and without
 * making a tenant wait.
 *
 * <p>Consistency without the server's in-process vault locks: {@code users.json} and {@code
 * admin_tokens.json} are read together under the same file locks the server takes to change them
 * (held for the two reads alone); the other files of {@code security/} are written once. Shares are
 * copied next, then each vault of an account in that {@code users.json}: its small documents, then
 * its manifest's bytes are kept, its blobs are copied, and the manifest is read again. A vault
 * writes a blob before the manifest that names it and removes one only after a manifest that no
 * longer names it, and every manifest write is new ciphertext (fresh nonce), so when the second
 * read returns the same bytes, every blob that manifest names was on disk while the blobs were
 * listed and is in the archive. When it changed, the blobs that appeared since are copied and the
 * check is repeated. Blobs are immutable, so copying one never races its writer. Last come the
 * events log and its rotated copies, each up to the size it had under the log's append lock, and
 * the index: every entry's size and SHA-256, signed with the data root's Ed25519 signing key.
 */
public final class BackupCreator {
  private static final int MAX_ROUNDS = 100;
  private static final int BUFFER = 1 << 20;
  private static final Pattern SHARE_FILE = ArchivePaths.SHARE_NAME;

  private final DataRoot dataRoot;
  private final StateFileAccess state;
  private final ObjectMapper json;
  private final Clock clock;

  public BackupCreator(DataRoot dataRoot, StateFileAccess state, ObjectMapper json, Clock clock) {
    this.dataRoot = dataRoot;
    this.state = state;
    this.json = json;
    this.clock = clock;
  }

  /** The archive written: what it holds, its SHA-256 and its size as written. */
  public record Created(BackupCounts counts, String sha256, long archiveBytes) {}

  /**
   * Writes the archive to {@code destination} (then closed): a tar, compressed as asked, encrypted
   * to {@code publicKeyset} unless it is null.
   *
   * @throws BackupException when the data root cannot be backed up as it is (no signing key, a
   *     token file that does not parse, a vault that never stops changing)
   */
  public Created create(OutputStream destination, Compression compression, String publicKeyset)
      throws IOException {
    Path keyFile = dataRoot.security().resolve("signing_key.pem");
    if (!Files.isRegularFile(keyFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new BackupException(
          "security/signing_key.pem: missing; start the server once on this data root first");
    }
    SigningKey signingKey = SigningKey.loadOrCreate(keyFile); // exists: loaded, never created
    MessageDigest archiveDigest = BackupHashes.sha256();
    DigestingPipe pipe = new DigestingPipe(destination, archiveDigest);
    Writer writer;
    try {
      OutputStream out = pipe;
      if (publicKeyset != null) {
        out = new BufferedOutputStream(BackupEncryption.encrypting(out, publicKeyset), BUFFER);
      }
      writer = new Writer(new TarArchiveOutputStream(compression.compressing(out), BUFFER));
    } catch (IOException | RuntimeException e) {
      pipe.close(); // stops its thread
      throw e;
    }
    BackupCounts counts;
    try (writer) {
      counts = writeData(writer);
      BackupIndex index =
          new BackupIndex(
              BackupIndex.FORMAT,
              Instant.ofEpochMilli(clock.millis()).toString(),
              signingKey.fingerprint(),
              counts,
              List.copyOf(writer.entries));
      byte[] indexBytes = index.toBytes(json);
      writer.addFrame(ArchivePaths.INDEX, indexBytes);
      writer.addFrame(
          ArchivePaths.INDEX_SIGNATURE,
          (Base64.getEncoder().encodeToString(signingKey.sign(indexBytes)) + "\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    return new Created(counts, HexFormat.of().formatHex(archiveDigest.digest()), pipe.count());
  }

  private BackupCounts writeData(Writer writer) throws IOException {
    // security/: the two token files as of one moment, under the server's own locks.
    Path users = dataRoot.usersFile();
    Path adminTokens = dataRoot.adminTokensFile();
    List<byte[]> tokenFiles = state.readTogether(List.of(users, adminTokens));
    Set<String> accounts = new HashSet<>();
    if (tokenFiles.get(0) != null) {
      accounts.addAll(parsed(ArchivePaths.USERS, () -> state.userIds(tokenFiles.get(0))));
      writer.add(ArchivePaths.USERS, tokenFiles.get(0));
    }
    if (tokenFiles.get(1) != null) {
      parsed(ArchivePaths.ADMIN_TOKENS, () -> state.adminTokenCount(tokenFiles.get(1)));
      writer.add(ArchivePaths.ADMIN_TOKENS, tokenFiles.get(1));
    }
    for (Path file : sortedFiles(dataRoot.security())) {
      String name = AtomicFiles.nameOf(file);
      String entry = "security/" + name;
      if (!entry.equals(ArchivePaths.USERS)
          && !entry.equals(ArchivePaths.ADMIN_TOKENS)
          && ArchivePaths.classify(entry) != null) {
        Optional<byte[]> bytes = read(file);
        if (bytes.isPresent()) {
          writer.add(entry, bytes.get());
        }
      }
    }
    // uploads/shares/: before the vaults, so that every share's vault (its manifest names the share
    // before the share's file exists) is already on disk when the vaults are listed.
    for (Path file : sortedFiles(dataRoot.uploads().resolve("shares"))) {
      String name = AtomicFiles.nameOf(file);
      Optional<byte[]> bytes = SHARE_FILE.matcher(name).matches() ? read(file) : Optional.empty();
      // A share of an account registered after users.json was read waits for the next backup,
      // like its vault.
      if (bytes.isPresent() && accounts.contains(shareOwner(name, bytes.get()))) {
        writer.add("uploads/shares/" + name, bytes.get());
      }
    }
    long vaults = 0;
    long documents = 0;
    for (Path folder : sortedFolders(dataRoot.uploads().resolve("vault"))) {
      String userId = AtomicFiles.nameOf(folder);
      if (accounts.contains(userId)) { // an account registered after users.json was read: later
        vaults++;
        documents += copyVault(writer, userId, folder);
      }
    }
    copyEventLogs(writer);
    return new BackupCounts(accounts.size(), vaults, documents, writer.dataBytes);
  }

  /** Copies one vault consistently (see the class comment); returns its committed blobs. */
  private long copyVault(Writer writer, String userId, Path folder) throws IOException {
    String prefix = "uploads/vault/" + userId + "/";
    Map<String, byte[]> smallDocuments = new LinkedHashMap<>();
    for (Path file : sortedFiles(folder)) {
      String name = AtomicFiles.nameOf(file);
      if (ArchivePaths.DOCUMENT_NAME.matcher(name).matches() && !name.equals("manifest.bin")) {
        Optional<byte[]> bytes = read(file);
        if (bytes.isPresent()) {
          smallDocuments.put(name, bytes.get());
        }
      }
    }
    Path manifestFile = folder.resolve("manifest.bin");
    Optional<byte[]> manifest = read(manifestFile);
    Set<String> copied = new HashSet<>();
    long committed = 0;
    for (int round = 0; ; round++) {
      if (round == MAX_ROUNDS) {
        throw new BackupException(
            prefix
                + "manifest.bin: the vault changed "
                + MAX_ROUNDS
                + " times while it was"
                + " copied; try again");
      }
      for (Path blob : sortedFiles(folder.resolve("blobs"))) {
        String name = AtomicFiles.nameOf(blob);
        if (!ArchivePaths.BLOB_NAME.matcher(name).matches() || copied.contains(name)) {
          continue;
        }
        FileChannel channel;
        try {
          channel = FileChannel.open(blob, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue; // deleted, or a pending blob committed under its own name meanwhile
        }
        try (channel) {
          writer.add(prefix + "blobs/" + name, channel, channel.size());
        }
        copied.add(name);
        if (!name.startsWith("pending-")) {
          committed++;
        }
      }
      Optional<byte[]> again = read(manifestFile);
      if (manifest.isPresent() == again.isPresent()
          && (manifest.isEmpty() || Arrays.equals(manifest.get(), again.get()))) {
        break;
      }
      manifest = again;
    }
    for (Map.Entry<String, byte[]> document : smallDocuments.entrySet()) {
      writer.add(prefix + document.getKey(), document.getValue());
    }
    if (manifest.isPresent()) {
      writer.add(prefix + "manifest.bin", manifest.get());
    }
    return committed;
  }

  private void copyEventLogs(Writer writer) throws IOException {
    if (!Files.isDirectory(dataRoot.logs(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // Only for its lock: this instance never appends.
    RotatingFile events = new RotatingFile(dataRoot.eventsLog(), Long.MAX_VALUE, 0, false);
    List<RotatingFile.OpenedCopy> copies = events.openForCopy();
    try {
      for (RotatingFile.OpenedCopy copy : copies) {
        writer.add("logs/" + copy.name(), copy.channel(), copy.size());
      }
    } finally {
      for (RotatingFile.OpenedCopy copy : copies) {
        copy.channel().close();
      }
    }
  }

  private String shareOwner(String name, byte[] bytes) {
    return parsed("uploads/shares/" + name, () -> state.share(bytes)).userId();
  }

  @FunctionalInterface
  private interface Parse<T> {
    T run();
  }

  private static <T> T parsed(String entry, Parse<T> parse) {
    try {
      return parse.run();
    } catch (InvalidStateFileException e) {
      throw new BackupException(entry + ": " + e.getMessage() + "; fix it before taking a backup");
    }
  }

  /** The file's bytes, or empty when it does not exist (any more). */
  private static Optional<byte[]> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Regular files (not links) of a folder by name; none when the folder does not exist. */
  private static List<Path> sortedFiles(Path folder) throws IOException {
    return sorted(folder, false);
  }

  private static List<Path> sortedFolders(Path folder) throws IOException {
    return sorted(folder, true);
  }

  private static List<Path> sorted(Path folder, boolean folders) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return found;
    }
    try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
      for (Path each : all) {
        boolean wanted =
            folders
                ? Files.isDirectory(each, LinkOption.NOFOLLOW_LINKS)
                : Files.isRegularFile(each, LinkOption.NOFOLLOW_LINKS);
        if (wanted && !AtomicFiles.nameOf(each).startsWith(".")) {
          found.add(each);
        }
      }
    }
    found.sort(java.util.Comparator.comparing(AtomicFiles::nameOf));
    return found;
  }

  /** The tar being written, and the index of what went into it. */
  private final class Writer implements AutoCloseable {
    private final TarArchiveOutputStream tar;
    private final List<BackupIndex.Entry> entries = new ArrayList<>();
    private final byte[] buffer = new byte[BUFFER];
    private final long modified = clock.millis();
    private long dataBytes;

    Writer(TarArchiveOutputStream tar) {
      this.tar = tar;
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    void add(String name, byte[] bytes) throws IOException {
      MessageDigest digest = BackupHashes.sha256();
      begin(name, bytes.length);
      tar.write(bytes);
      digest.update(bytes);
      end(name, bytes.length, digest);
    }

    /** The first {@code size} bytes of {@code channel} (a blob, or a log as it was). */
    void add(String name, FileChannel channel, long size) throws IOException {
      MessageDigest digest = BackupHashes.sha256();
      begin(name, size);
      long position = 0;
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      while (position < size) {
        wrapped.clear();
        wrapped.limit((int) Math.min(buffer.length, size - position));
        int n = channel.read(wrapped, position);
        if (n < 0) {
          throw new IOException(name + ": shorter than it was when it was opened");
        }
        tar.write(buffer, 0, n);
        digest.update(buffer, 0, n);
        position += n;
      }
      end(name, size, digest);
    }

    /** The index and its signature: in the archive, not in the index. */
    void addFrame(String name, byte[] bytes) throws IOException {
      begin(name, bytes.length);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }

    private void begin(String name, long size) throws IOException {
      if (ArchivePaths.classify(name) == null) {
        throw new IllegalStateException("not an archive path: " + name);
      }
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(size);
      entry.setMode(0100600);
      entry.setModTime(modified);
      entry.setUserName("");
      entry.setGroupName("");
      entry.setIds(0, 0);
      tar.putArchiveEntry(entry);
    }

    private void end(String name, long size, MessageDigest digest) throws IOException {
      tar.closeArchiveEntry();
      entries.add(new BackupIndex.Entry(name, size, HexFormat.of().formatHex(digest.digest())));
      dataBytes += size;
    }

    @Override
    public void close() throws IOException {
      tar.close(); // finishes the tar, the compression and the encryption, closes the file
    }
  }
}
