package org.semptify.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.Share;
import org.semptify.store.StateFileAccess;
import org.semptify.vault.SigningKey;

/**
 * Reads an archive once, as a stream, and checks it without a server: every entry a backup may hold
 * and none twice; every entry's size and SHA-256 against the index, and the index's Ed25519
 * signature against the signing key in the archive (the key every vault certificate and export of
 * that server is signed with); nothing missing; the token files and shares parse as the server
 * parses them; every share names a vault (a manifest) in the archive; every vault belongs to an
 * account. The first problem found, in the archive's order, is thrown as a {@link BackupException}
 * naming its entry.
 *
 * <p>What cannot be checked here: a vault's manifest, certificate chain and blobs are encrypted
 * under a key only its owner's token unwraps (the server's files alone never open a vault), so the
 * chain is checked by the restored server on the owner's request or export ({@code verify-bundle}).
 */
public final class BackupReader {
  private static final int PEEK = 64;

  private final StateFileAccess state;
  private final ObjectMapper json;

  public BackupReader(StateFileAccess state, ObjectMapper json) {
    this.state = state;
    this.json = json;
  }

  /** Where restore writes an entry's bytes; verify writes them nowhere. */
  @FunctionalInterface
  public interface EntrySink {
    OutputStream open(String name) throws IOException;
  }

  /** An intact archive: what it holds, and the fingerprint of the key that signed it. */
  public record Checked(BackupCounts counts, String signingKeySha256, String createdAt) {}

  /**
   * Checks the archive read from {@code in}, handing each data entry's bytes to {@code sink} as
   * they are read (null: to nowhere).
   *
   * @param privateKeyset the key to decrypt an encrypted archive with, or null
   * @throws BackupException naming the first problem
   * @throws EncryptedArchiveException when the archive is encrypted and no key was given
   */
  public Checked read(InputStream in, String privateKeyset, EntrySink sink) throws IOException {
    InputStream source = new BufferedInputStream(in, 1 << 20);
    byte[] head = peek(source);
    if (BackupEncryption.isEncrypted(head, head.length)) {
      if (privateKeyset == null) {
        throw new EncryptedArchiveException();
      }
      try {
        source =
            new BufferedInputStream(BackupEncryption.decrypting(source, privateKeyset), 1 << 20);
        head = peek(source);
      } catch (IOException e) {
        throw new BackupException("the archive: " + e.getMessage());
      }
    }
    try {
      source = Compression.detect(head, head.length).decompressing(source);
    } catch (IOException e) {
      throw new BackupException("the archive: not a readable Semptify backup (compression)");
    }
    Scan scan = new Scan();
    scan.run(new TarArchiveInputStream(source), sink);
    return scan.check();
  }

  private static byte[] peek(InputStream in) throws IOException {
    in.mark(PEEK);
    byte[] head = in.readNBytes(PEEK);
    in.reset();
    return head;
  }

  /** What one pass over the entries saw. */
  private final class Scan {
    private final Map<String, BackupIndex.Entry> seen = new LinkedHashMap<>();
    private final Map<String, byte[]> kept = new HashMap<>();
    private final List<Share> shares = new ArrayList<>();
    private final Map<String, String> shareEntries = new HashMap<>();
    private final byte[] buffer = new byte[1 << 20];

    void run(TarArchiveInputStream tar, EntrySink sink) {
      String current = null;
      String last = null;
      try {
        for (TarArchiveEntry entry = tar.getNextEntry();
            entry != null;
            entry = tar.getNextEntry()) {
          current = entry.getName();
          ArchivePaths.Classified kind = ArchivePaths.classify(current);
          if (kind == null || !entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
            throw new BackupException(current + ": not a file a Semptify backup holds");
          }
          if (seen.containsKey(current)) {
            throw new BackupException(current + ": in the archive twice");
          }
          boolean frame =
              kind.kind() == ArchivePaths.Kind.INDEX
                  || kind.kind() == ArchivePaths.Kind.INDEX_SIGNATURE;
          boolean keep =
              frame
                  || current.equals(ArchivePaths.USERS)
                  || current.equals(ArchivePaths.ADMIN_TOKENS)
                  || current.equals(ArchivePaths.SIGNING_KEY)
                  || kind.kind() == ArchivePaths.Kind.SHARE;
          ByteArrayOutputStream memory = keep ? new ByteArrayOutputStream() : null;
          MessageDigest digest = BackupHashes.sha256();
          long size = 0;
          try (OutputStream out = frame || sink == null ? null : sink.open(current)) {
            for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
              digest.update(buffer, 0, n);
              size += n;
              if (memory != null) {
                memory.write(buffer, 0, n);
              }
              if (out != null) {
                out.write(buffer, 0, n);
              }
            }
          }
          if (size != entry.getSize()) {
            throw new BackupException(current + ": truncated");
          }
          seen.put(
              current,
              new BackupIndex.Entry(current, size, HexFormat.of().formatHex(digest.digest())));
          if (memory != null) {
            kept.put(current, memory.toByteArray());
          }
          last = current;
          current = null;
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof BackupException backup) {
          throw backup;
        }
        String where = current != null ? current : last != null ? "after " + last : "the archive";
        throw new BackupException(where + ": the archive is truncated or damaged here");
      }
    }

    Checked check() throws IOException {
      byte[] indexBytes = kept.get(ArchivePaths.INDEX);
      if (indexBytes == null) {
        throw new BackupException(
            ArchivePaths.INDEX + ": missing; the archive is truncated or not a Semptify backup");
      }
      BackupIndex index;
      try {
        index = BackupIndex.parse(json, indexBytes);
      } catch (IOException e) {
        throw new BackupException(ArchivePaths.INDEX + ": does not parse");
      }
      byte[] keyBytes = kept.get(ArchivePaths.SIGNING_KEY);
      if (keyBytes == null) {
        throw new BackupException(ArchivePaths.SIGNING_KEY + ": missing from the archive");
      }
      String publicKey;
      try {
        publicKey = SigningKey.publicKeyPemIn(new String(keyBytes, StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new BackupException(ArchivePaths.SIGNING_KEY + ": not an Ed25519 signing key");
      }
      byte[] signature = kept.get(ArchivePaths.INDEX_SIGNATURE);
      if (signature == null) {
        throw new BackupException(ArchivePaths.INDEX_SIGNATURE + ": missing from the archive");
      }
      byte[] decoded;
      try {
        decoded =
            Base64.getDecoder().decode(new String(signature, StandardCharsets.US_ASCII).strip());
      } catch (IllegalArgumentException e) {
        decoded = new byte[0];
      }
      if (!SigningKey.verify(publicKey, indexBytes, decoded)
          || !SigningKey.fingerprint(publicKey).equals(index.signingKeySha256())) {
        throw new BackupException(
            ArchivePaths.INDEX_SIGNATURE
                + ": the index's signature does not verify against the archive's signing key");
      }
      Map<String, BackupIndex.Entry> listed = new LinkedHashMap<>();
      for (BackupIndex.Entry entry : index.entries()) {
        listed.put(entry.path(), entry);
      }
      for (BackupIndex.Entry entry : seen.values()) {
        ArchivePaths.Kind kind = ArchivePaths.classify(entry.path()).kind();
        if (kind == ArchivePaths.Kind.INDEX || kind == ArchivePaths.Kind.INDEX_SIGNATURE) {
          continue;
        }
        BackupIndex.Entry expected = listed.get(entry.path());
        if (expected == null) {
          throw new BackupException(entry.path() + ": not in the index");
        }
        if (expected.size() != entry.size()) {
          throw new BackupException(
              entry.path() + ": " + entry.size() + " bytes, the index records " + expected.size());
        }
        if (!expected.sha256().equals(entry.sha256())) {
          throw new BackupException(entry.path() + ": its SHA-256 does not match the index");
        }
      }
      for (BackupIndex.Entry entry : index.entries()) {
        if (!seen.containsKey(entry.path())) {
          throw new BackupException(
              entry.path() + ": listed in the index, missing from the archive");
        }
      }
      checkState();
      return new Checked(index.counts(), index.signingKeySha256(), index.createdAt());
    }

    /** The token files and shares parse; shares, vaults and accounts fit together. */
    private void checkState() {
      Set<String> accounts = new HashSet<>();
      byte[] users = kept.get(ArchivePaths.USERS);
      if (users != null) {
        try {
          accounts.addAll(state.userIds(users));
        } catch (InvalidStateFileException e) {
          throw new BackupException(ArchivePaths.USERS + ": " + e.getMessage());
        }
      }
      byte[] tokens = kept.get(ArchivePaths.ADMIN_TOKENS);
      if (tokens != null) {
        try {
          state.adminTokenCount(tokens);
        } catch (InvalidStateFileException e) {
          throw new BackupException(ArchivePaths.ADMIN_TOKENS + ": " + e.getMessage());
        }
      }
      // A committed blob without a manifest is not a break: a vault's first upload renames its
      // blob into place just before it writes the manifest, and a backup (or a crash) in between
      // keeps a blob no manifest names, which the restored server's recovery removes.
      Set<String> manifests = new HashSet<>();
      for (String path : seen.keySet()) {
        ArchivePaths.Classified kind = ArchivePaths.classify(path);
        if (kind.userId() != null && !accounts.contains(kind.userId())) {
          throw new BackupException(path + ": its vault belongs to no account in users.json");
        }
        if (kind.manifest()) {
          manifests.add(kind.userId());
        } else if (kind.kind() == ArchivePaths.Kind.SHARE) {
          Share share;
          try {
            share = state.share(kept.get(path));
          } catch (InvalidStateFileException e) {
            throw new BackupException(path + ": " + e.getMessage());
          }
          if (!(share.shareId() + ".json").equals(kind.leaf())) {
            throw new BackupException(path + ": names another share");
          }
          shares.add(share);
          shareEntries.put(share.shareId(), path);
        }
      }
      for (Share share : shares) {
        if (!manifests.contains(share.userId())) {
          throw new BackupException(
              shareEntries.get(share.shareId()) + ": names a vault that is not in the archive");
        }
      }
    }
  }

  /** The archive is encrypted and no private key was given. */
  public static final class EncryptedArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EncryptedArchiveException() {
      super("the archive is encrypted: give the private key with --decrypt-with KEYFILE");
    }
  }
}
