package org.semptify.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Cli;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * A damaged archive fails {@code backup verify} naming the entry (a flipped byte in a blob, a
 * missing blob, a truncated tar), and restore refuses a non-empty folder and leaves nothing behind
 * from a damaged archive; encrypted archives open only with their private key.
 */
class BackupVerifyTest {
  @TempDir Path temp;
  private Path live;
  private Path archive;

  @BeforeEach
  void backUpASmallDataRoot() {
    live = temp.resolve("live");
    archive = temp.resolve("backup.tar");
    try (TestServer server = TestServer.start(live)) {
      VaultUser user = VaultUser.register(server);
      for (int i = 0; i < 3; i++) {
        user.uploadFile("doc" + i + ".txt", ("document " + i).repeat(1000).getBytes());
      }
    }
    Cli.Result created = Cli.run(live, "backup", "create", archive.toString());
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(created.stdout()).contains("accounts=1 vaults=1 documents=3 bytes=");
  }

  @Test
  void anIntactArchiveVerifies() {
    Cli.Result result = Cli.run(temp, "backup", "verify", archive.toString());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("intact: accounts=1 vaults=1 documents=3");
  }

  @Test
  void withKeyTheArchiveMustBeSignedByThatKey() throws Exception {
    Path own = live.resolve("security/signing_key.pem");
    Cli.Result ours =
        Cli.run(temp, "backup", "verify", archive.toString(), "--key", own.toString());
    assertThat(ours.exitCode()).as(ours.stderr()).isZero();
    Path other = temp.resolve("other");
    try (TestServer server = TestServer.start(other)) {
      assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }
    Cli.Result theirs =
        Cli.run(
            temp,
            "backup",
            "verify",
            archive.toString(),
            "--key",
            other.resolve("security/signing_key.pem").toString());
    assertThat(theirs.exitCode()).isEqualTo(1);
    assertThat(theirs.stderr())
        .startsWith("BROKEN: semptify-backup/index.json.sig: signed by key ");
  }

  @Test
  void aFlippedByteInABlobIsNamed() throws Exception {
    TarArchiveEntry blob = firstBlob();
    long offset;
    try (TarFile tar = new TarFile(archive)) {
      offset =
          tar.getEntries().stream()
              .filter(e -> e.getName().equals(blob.getName()))
              .findFirst()
              .orElseThrow()
              .getDataOffset();
    }
    try (FileChannel channel =
        FileChannel.open(archive, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      channel.read(one, offset + 100);
      one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
      channel.write(one, offset + 100);
    }
    Cli.Result result = Cli.run(temp, "backup", "verify", archive.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo("BROKEN: " + blob.getName() + ": its SHA-256 does not match the index\n");
  }

  @Test
  void aMissingBlobIsNamed() throws Exception {
    String blob = firstBlob().getName();
    Path without = temp.resolve("without.tar");
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        OutputStream out = Files.newOutputStream(without);
        TarArchiveOutputStream copy = new TarArchiveOutputStream(out)) {
      copy.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (!entry.getName().equals(blob)) {
          copy.putArchiveEntry(entry);
          tar.transferTo(copy);
          copy.closeArchiveEntry();
        }
      }
    }
    Cli.Result result = Cli.run(temp, "backup", "verify", without.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo("BROKEN: " + blob + ": listed in the index, missing from the archive\n");
  }

  @Test
  void aTruncatedArchiveIsNamedWhereItEnds() throws Exception {
    TarArchiveEntry blob = firstBlob();
    long cut;
    try (TarFile tar = new TarFile(archive)) {
      cut =
          tar.getEntries().stream()
                  .filter(e -> e.getName().equals(blob.getName()))
                  .findFirst()
                  .orElseThrow()
                  .getDataOffset()
              + 10;
    }
    try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
      channel.truncate(cut);
    }
    Cli.Result result = Cli.run(temp, "backup", "verify", archive.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo("BROKEN: " + blob.getName() + ": the archive is truncated or damaged here\n");

    Path target = temp.resolve("target");
    Cli.Result restore =
        Cli.run(temp, "backup", "restore", archive.toString(), "--data-root", target.toString());
    assertThat(restore.exitCode()).isEqualTo(1);
    assertThat(restore.stderr()).contains(blob.getName()).contains("nothing was restored");
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void restoreRefusesAFolderThatIsNotEmpty() throws Exception {
    Path target = Files.createDirectory(temp.resolve("busy"));
    Files.writeString(target.resolve("keep.txt"), "mine");
    Cli.Result result =
        Cli.run(temp, "backup", "restore", archive.toString(), "--data-root", target.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("is not an empty folder");
    try (var files = Files.list(target)) {
      assertThat(files.toList()).containsExactly(target.resolve("keep.txt"));
    }
    assertThat(
            Cli.run(temp, "backup", "restore", archive.toString(), "--data-root", live.toString())
                .exitCode())
        .isEqualTo(2);
  }

  @Test
  void anEncryptedArchiveOpensOnlyWithItsPrivateKey() throws Exception {
    Cli.Result keys =
        Cli.run(
            temp, "backup", "keygen", "--private-key", "backup.key", "--public-key", "backup.pub");
    assertThat(keys.exitCode()).as(keys.stderr()).isZero();
    assertThat(Files.getPosixFilePermissions(temp.resolve("backup.key")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Path sealed = temp.resolve("backup.tar.zst.enc");
    Cli.Result created =
        Cli.run(
            live,
            "backup",
            "create",
            sealed.toString(),
            "--encrypt-to",
            temp.resolve("backup.pub").toString());
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    byte[] bytes = Files.readAllBytes(sealed);
    assertThat(new String(bytes, 0, 27, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("SEMPTIFY-BACKUP-ENCRYPTED/1");
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("PRIVATE KEY")
        .doesNotContain("users.json");

    Cli.Result noKey = Cli.run(temp, "backup", "verify", sealed.toString());
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.stderr()).contains("--decrypt-with");
    Cli.Result withKey =
        Cli.run(temp, "backup", "verify", sealed.toString(), "--decrypt-with", "backup.key");
    assertThat(withKey.exitCode()).as(withKey.stderr()).isZero();

    Cli.Result otherKeys =
        Cli.run(
            temp, "backup", "keygen", "--private-key", "other.key", "--public-key", "other.pub");
    assertThat(otherKeys.exitCode()).isZero();
    assertThat(
            Cli.run(temp, "backup", "verify", sealed.toString(), "--decrypt-with", "other.key")
                .exitCode())
        .isEqualTo(1);

    bytes[bytes.length / 2] ^= 0x01;
    Files.write(sealed, bytes);
    Cli.Result tampered =
        Cli.run(temp, "backup", "verify", sealed.toString(), "--decrypt-with", "backup.key");
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.stderr()).startsWith("BROKEN: ");

    Path target =
        Files.createDirectory(
            temp.resolve("restored"),
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(
        target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.write(sealed, flip(bytes)); // intact again
    Cli.Result restore =
        Cli.run(
            temp,
            "backup",
            "restore",
            sealed.toString(),
            "--data-root",
            target.toString(),
            "--decrypt-with",
            "backup.key");
    assertThat(restore.exitCode()).as(restore.stderr()).isZero();
    assertThat(target.resolve("security/users.json"))
        .hasSameBinaryContentAs(live.resolve("security/users.json"));
    assertThat(Files.getPosixFilePermissions(target))
        .as("an empty folder given to restore is tightened: it holds secrets now")
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aBackupStreamsToStandardOutputAndVerifiesFromStandardInput() throws Exception {
    java.io.ByteArrayOutputStream archived = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
    int created =
        org.semptify.Main.run(
            environment(live, new java.io.ByteArrayInputStream(new byte[0]), archived, report),
            "backup",
            "create",
            "-",
            "--compress",
            "gzip");
    assertThat(created).as(report.toString()).isZero();
    assertThat(report.toString()).contains("accounts=1 vaults=1 documents=3").contains("sha256=");
    byte[] bytes = archived.toByteArray();
    assertThat(bytes[0] & 0xFF).as("gzip").isEqualTo(0x1F);
    String sha256 =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(report.toString()).contains("sha256=" + sha256);

    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int verified =
        org.semptify.Main.run(
            environment(temp, new java.io.ByteArrayInputStream(bytes), out, report),
            "backup",
            "verify",
            "-");
    assertThat(verified).as(report.toString()).isZero();
    assertThat(out.toString()).startsWith("intact: accounts=1 vaults=1 documents=3");
  }

  private static org.semptify.cli.CliEnvironment environment(
      Path root, InputStream in, OutputStream out, OutputStream err) {
    return new org.semptify.cli.CliEnvironment(
        java.util.Map.of("SEMPTIFY_DATA_ROOT", root.toString()),
        root,
        in,
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
        java.time.Clock.systemUTC());
  }

  private static byte[] flip(byte[] bytes) {
    bytes[bytes.length / 2] ^= 0x01;
    return bytes;
  }

  private TarArchiveEntry firstBlob() throws IOException {
    try (TarFile tar = new TarFile(archive)) {
      List<TarArchiveEntry> entries = tar.getEntries();
      return entries.stream()
          .filter(e -> e.getName().matches("uploads/vault/[^/]+/blobs/d_[a-z0-9]+\\.bin"))
          .findFirst()
          .orElseThrow();
    }
  }
}
