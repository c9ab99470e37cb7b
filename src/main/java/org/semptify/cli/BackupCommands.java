package org.semptify.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.Callable;
import org.semptify.backup.BackupCounts;
import org.semptify.backup.BackupCreator;
import org.semptify.backup.BackupEncryption;
import org.semptify.backup.BackupException;
import org.semptify.backup.BackupReader;
import org.semptify.backup.BackupRestorer;
import org.semptify.backup.Compression;
import org.semptify.files.AtomicFiles;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventField;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.store.file.FileStateAccess;
import org.semptify.vault.SigningKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code semptify backup …}: online backups of the data root, their check and their restore. */
public final class BackupCommands {
  private BackupCommands() {}

  public static CommandLine commandLine(CliEnvironment environment) {
    return new CommandLine(new Group())
        .addSubcommand(new Create(environment))
        .addSubcommand(new Verify(environment))
        .addSubcommand(new Restore(environment))
        .addSubcommand(new Keygen(environment))
        .setCaseInsensitiveEnumValuesAllowed(true); // --compress zstd
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {
        "Back up the data root while the server runs, check a backup, restore it.",
        "Exit codes: 0 done (or intact); 1 failed (or broken: the first problem is named);",
        "2 usage error, unreadable key, encrypted archive without --decrypt-with,",
        "or a restore target that is not empty."
      })
  static final class Group extends GroupCommand {}

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Write one archive of security/, uploads/ and logs/events.log* while the server runs:",
        "a consistent snapshot (every manifest's blobs, every share's vault, users.json and",
        "admin_tokens.json as of one moment) that never makes a tenant wait. The archive",
        "holds the signing key, the session key and token hashes: it is written 0600,",
        "atomically. Prints the counts and the archive's SHA-256 (on stderr when FILE is -).",
        "Example: semptify backup create /backups/semptify-$(date +%F).tar.zst"
      })
  static final class Create implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    @Parameters(
        index = "0",
        paramLabel = "FILE|-",
        description = "The archive: a .tar, .tar.gz or .tar.zst file, or - for standard output.")
    String file;

    @Option(
        names = "--encrypt-to",
        paramLabel = "KEYFILE",
        description =
            "Encrypt the archive to this public key (from 'semptify backup keygen'); only the"
                + " private key opens it.")
    Path encryptTo;

    @Option(
        names = "--compress",
        paramLabel = "none|gzip|zstd",
        description = "Compression (default: by FILE's extension; none for -).")
    Compression compression;

    Create(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      String publicKey;
      try {
        publicKey = encryptTo == null ? null : readKey(environment, encryptTo);
      } catch (IOException e) {
        environment.err().println("semptify: cannot read --encrypt-to " + encryptTo);
        return 2;
      }
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            BackupCreator creator =
                new BackupCreator(
                    files.dataRoot,
                    new FileStateAccess(JsonMapping.mapper()),
                    JsonMapping.mapper(),
                    environment.clock());
            boolean toStdout = file.equals("-");
            Compression chosen =
                compression != null
                    ? compression
                    : toStdout ? Compression.NONE : Compression.forName(file);
            BackupCreator.Created created;
            try {
              if (toStdout) {
                created = creator.create(kept(environment.out()), chosen, publicKey);
                environment.out().flush();
              } else {
                Path target = environment.workingDirectory().resolve(file);
                BackupCreator.Created[] result = new BackupCreator.Created[1];
                AtomicFiles.write(
                    target,
                    out -> result[0] = creator.create(kept(out), chosen, publicKey),
                    AtomicFiles.OWNER_ONLY);
                created = result[0];
              }
            } catch (BackupException e) {
              environment.err().println("semptify: backup failed: " + e.getMessage());
              return 1;
            } catch (IOException e) {
              environment
                  .err()
                  .println(
                      "semptify: backup failed: "
                          + e.getClass().getSimpleName()
                          + " reading the data root or writing "
                          + file
                          + (toStdout
                              ? "; the output is incomplete (it has no index: verify fails)"
                              : "; no archive was written"));
              return 1;
            } catch (IllegalArgumentException e) {
              environment.err().println("semptify: " + e.getMessage());
              return 2;
            }
            BackupCounts counts = created.counts();
            files.events.record(EventType.BACKUP_CREATED, null, payload(counts));
            var report = toStdout ? environment.err() : environment.out();
            report.println(counts.summary());
            report.println(
                "sha256="
                    + created.sha256()
                    + "  "
                    + file
                    + " ("
                    + created.archiveBytes()
                    + " bytes)");
            return 0;
          });
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check an archive without a server: every entry's size and SHA-256 against the",
        "archive's index and the index's Ed25519 signature against the archive's signing key",
        "(the key of every vault certificate that server issued); every blob and manifest",
        "present; users.json, admin_tokens.json and the shares parse; every share's vault and",
        "every vault's account present; with --key, that the archive was signed by that key.",
        "A vault's chain is encrypted under its owner's key:",
        "the restored server checks it (an export and 'semptify verify-bundle').",
        "Exit 0 intact; 1 broken, naming the first problem and its entry."
      })
  static final class Verify implements Callable<Integer> {
    private final CliEnvironment environment;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The archive, or - for stdin.")
    String file;

    @Option(
        names = "--decrypt-with",
        paramLabel = "KEYFILE",
        description = "The private key (from 'semptify backup keygen') of an encrypted archive.")
    Path decryptWith;

    @Option(
        names = "--key",
        paramLabel = "KEY.pem",
        description = {
          "Also require that the archive was signed by this key: the server's public key",
          "(/.well-known/semptify-signing-key.pem) or its security/signing_key.pem."
        })
    Path key;

    Verify(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      String privateKey;
      String trusted = null;
      try {
        privateKey = decryptWith == null ? null : readKey(environment, decryptWith);
      } catch (IOException e) {
        environment.err().println("semptify: cannot read --decrypt-with " + decryptWith);
        return 2;
      }
      if (key != null) {
        try {
          trusted =
              SigningKey.fingerprint(
                  SigningKey.readPublicKeyPem(environment.workingDirectory().resolve(key)));
        } catch (IOException | IllegalArgumentException e) {
          environment.err().println("semptify: --key " + key + " holds no Ed25519 public key");
          return 2;
        }
      }
      BackupReader reader =
          new BackupReader(new FileStateAccess(JsonMapping.mapper()), JsonMapping.mapper());
      try (InputStream in = open(environment, file)) {
        BackupReader.Checked checked = reader.read(in, privateKey, null);
        if (trusted != null
            && !MessageDigest.isEqual(
                trusted.getBytes(StandardCharsets.US_ASCII),
                checked.signingKeySha256().getBytes(StandardCharsets.US_ASCII))) {
          environment
              .err()
              .println(
                  "BROKEN: semptify-backup/index.json.sig: signed by key "
                      + checked.signingKeySha256()
                      + ", not by --key "
                      + key);
          return 1;
        }
        environment
            .out()
            .println(
                "intact: "
                    + checked.counts().summary()
                    + " taken "
                    + checked.createdAt()
                    + ", signed by key "
                    + checked.signingKeySha256());
        return 0;
      } catch (BackupReader.EncryptedArchiveException | IllegalArgumentException e) {
        environment.err().println("semptify: " + e.getMessage());
        return 2;
      } catch (BackupException e) {
        environment.err().println("BROKEN: " + e.getMessage());
        return 1;
      } catch (IOException e) {
        environment.err().println("semptify: cannot read " + file);
        return 1;
      }
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Restore an archive into a new or empty folder (anything else: exit 2), checking it as",
        "'backup verify' does while it is read: folders 0700, files 0600, each fsynced. A broken",
        "archive leaves the folder empty (exit 1). Then 'semptify serve' with",
        "SEMPTIFY_DATA_ROOT=DIR serves every account, token, share link and export it held."
      })
  static final class Restore implements Callable<Integer> {
    private final CliEnvironment environment;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The archive, or - for stdin.")
    String file;

    @Option(
        names = "--data-root",
        paramLabel = "DIR",
        required = true,
        description = "The new data root: a folder that does not exist yet, or is empty.")
    Path dataRoot;

    @Option(
        names = "--decrypt-with",
        paramLabel = "KEYFILE",
        description = "The private key (from 'semptify backup keygen') of an encrypted archive.")
    Path decryptWith;

    Restore(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      String privateKey;
      Path target = environment.workingDirectory().resolve(dataRoot);
      try {
        privateKey = decryptWith == null ? null : readKey(environment, decryptWith);
        BackupRestorer.requireEmpty(target);
      } catch (BackupRestorer.NotEmptyException e) {
        environment.err().println("semptify: " + e.getMessage());
        return 2;
      } catch (IOException e) {
        environment.err().println("semptify: cannot read --decrypt-with " + decryptWith);
        return 2;
      }
      BackupRestorer restorer =
          new BackupRestorer(
              new BackupReader(new FileStateAccess(JsonMapping.mapper()), JsonMapping.mapper()));
      BackupReader.Checked checked;
      try (InputStream in = open(environment, file)) {
        checked = restorer.restore(in, privateKey, target);
      } catch (BackupRestorer.NotEmptyException
          | BackupReader.EncryptedArchiveException
          | IllegalArgumentException e) {
        environment.err().println("semptify: " + e.getMessage());
        return 2;
      } catch (BackupException e) {
        environment.err().println("BROKEN: " + e.getMessage() + "; nothing was restored");
        return 1;
      } catch (IOException e) {
        environment.err().println("semptify: restore failed: " + e.getClass().getSimpleName());
        return 1;
      }
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, target);
            files.events.record(EventType.BACKUP_RESTORED, null, payload(checked.counts()));
            environment
                .out()
                .println("restored into " + target + ": " + checked.counts().summary());
            return 0;
          });
    }
  }

  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = {
        "Make a key pair for encrypted backups (Tink HPKE: X25519, HKDF-SHA256, AES-256-GCM).",
        "Give the server machine only the public key (--encrypt-to); keep the private key",
        "offline: without it no encrypted backup can be read. Existing files are never replaced."
      })
  static final class Keygen implements Callable<Integer> {
    private final CliEnvironment environment;

    @Option(
        names = "--private-key",
        paramLabel = "FILE",
        required = true,
        description = "Where to write the private key (0600).")
    Path privateKey;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        required = true,
        description = "Where to write the public key (0600 like every file; it is not secret).")
    Path publicKey;

    Keygen(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            Path privateFile = environment.workingDirectory().resolve(privateKey);
            Path publicFile = environment.workingDirectory().resolve(publicKey);
            if (Files.exists(privateFile) || Files.exists(publicFile)) {
              environment.err().println("semptify: a key file already exists; nothing was written");
              return 1;
            }
            BackupEncryption.KeyPair pair = BackupEncryption.generate();
            if (!AtomicFiles.createIfAbsent(
                privateFile,
                pair.privateKeyset().getBytes(StandardCharsets.UTF_8),
                AtomicFiles.OWNER_ONLY)) {
              environment.err().println("semptify: " + privateKey + " already exists");
              return 1;
            }
            if (!AtomicFiles.createIfAbsent(
                publicFile,
                pair.publicKeyset().getBytes(StandardCharsets.UTF_8),
                AtomicFiles.OWNER_ONLY)) {
              environment.err().println("semptify: " + publicKey + " already exists");
              return 1;
            }
            environment.out().println("private key: " + privateFile + " (keep it offline)");
            environment.out().println("public key:  " + publicFile);
            return 0;
          });
    }
  }

  private static Payload payload(BackupCounts counts) {
    return Payload.of(EventField.ACCOUNTS, counts.accounts())
        .with(EventField.VAULTS, counts.vaults())
        .with(EventField.DOCUMENTS, counts.documents())
        .with(EventField.BYTES, counts.bytes());
  }

  private static String readKey(CliEnvironment environment, Path key) throws IOException {
    return Files.readString(environment.workingDirectory().resolve(key), StandardCharsets.UTF_8);
  }

  private static InputStream open(CliEnvironment environment, String file) throws IOException {
    if (file.equals("-")) {
      return new java.io.FilterInputStream(environment.in()) {
        @Override
        public void close() {
          // standard input stays open
        }
      };
    }
    return Files.newInputStream(environment.workingDirectory().resolve(file));
  }

  /** {@code out}, whose close only flushes: the caller still fsyncs or owns it. */
  private static OutputStream kept(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
