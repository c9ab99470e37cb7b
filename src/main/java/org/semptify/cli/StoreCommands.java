package org.semptify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.semptify.config.ConfigException;
import org.semptify.store.AnchoredDocuments;
import org.semptify.store.BlobStore;
import org.semptify.store.KeyFile;
import org.semptify.store.UserAccount;
import org.semptify.store.VaultRepository;
import org.semptify.store.postgres.PostgresKeyMaterial;
import org.semptify.store.postgres.PostgresStorage;
import org.semptify.store.s3.S3BlobStore;
import org.semptify.vault.SigningKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code semptify store …}: what the configured store holds, and whether every byte reads back. */
public final class StoreCommands {
  private StoreCommands() {}

  public static CommandLine commandLine(CliEnvironment environment) {
    return new CommandLine(new Group())
        .addSubcommand(new Check(environment))
        .addSubcommand(new StoreMigrateCommand(environment));
  }

  @Command(
      name = "store",
      mixinStandardHelpOptions = true,
      description = {
        "Inspect where Semptify keeps its data (SEMPTIFY_STORE: files or PostgreSQL;"
            + " SEMPTIFY_BLOB_STORE: files or a bucket), or move a file data root into PostgreSQL.",
        "Needs no vault key: vaults stay encrypted; counts, sizes and readability are what is"
            + " checked."
      })
  static final class Group extends GroupCommand {}

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Count and check what the store holds, on files or PostgreSQL, without any vault key.",
        "On the store the server uses (files, or the database with SEMPTIFY_STORE=postgres): count"
            + " accounts, admin tokens, shares, events, vaults, documents and blobs; check that the"
            + " CSRF secret and the signing key open (in the database: under SEMPTIFY_SECRET);"
            + " read every committed blob to its end; check that every vault with blobs has its"
            + " manifest (which holds the encrypted certificate chain) and that every document the"
            + " events anchor (vault_upload with its chain head, not deleted since) is in its"
            + " vault; count abandoned uploads in the bucket.",
        "Exit 0 when everything is there and reads back, 1 on any problem (named), 2 when the"
            + " store cannot be used."
      })
  static final class Check implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    Check(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            S3BlobStore bucket = files.connectBucket();
            try (AutoCloseable closing = bucket == null ? () -> {} : bucket) {
              BlobStore blobs = files.blobs(bucket);
              return check(files, files.vaults(blobs), bucket);
            }
          });
    }

    private int check(StateFiles files, VaultRepository vaults, S3BlobStore bucket)
        throws IOException {
      var out = environment.out();
      PostgresStorage database = files.database();
      out.println(
          database == null
              ? "store: file (" + files.dataRoot.root() + ")"
              : "store: postgres (SEMPTIFY_DATABASE_URL)");
      out.println(
          "blobs: "
              + (bucket == null
                  ? "file (uploads/vault/<user id>/blobs/)"
                  : "s3, bucket '" + files.blobStore.bucket() + "'"));
      List<String> problems = new ArrayList<>();
      List<UserAccount> accounts = files.users.list();
      out.println("accounts: " + accounts.size());
      out.println("admin tokens: " + files.adminTokens.list().size());
      out.println("shares: " + files.shares().allIds().size());
      long[] events = {0};
      files.eventSource().forEach(event -> true, event -> events[0]++);
      out.println("events: " + events[0]);
      out.println("keys: " + keys(files, database, problems));
      int vaultCount = 0;
      int documents = 0;
      int committed = 0;
      int pending = 0;
      long bytes = 0;
      for (String userId : vaults.vaultIds()) {
        List<String> names = vaults.documentNames(userId);
        List<BlobStore.BlobEntry> blobs = vaults.listBlobs(userId);
        if (names.isEmpty() && blobs.isEmpty()) {
          continue;
        }
        vaultCount++;
        documents += names.size();
        if (!names.contains("manifest") && !blobs.isEmpty()) {
          problems.add("vault " + userId + " has blobs but no manifest");
        }
        for (BlobStore.BlobEntry blob : blobs) {
          if (blob.pending()) {
            pending++;
            continue;
          }
          committed++;
          long read = readWhole(vaults, userId, blob.docId());
          if (read < 0) {
            problems.add("blob " + blob.docId() + " of vault " + userId + " does not read whole");
          } else {
            bytes += read;
          }
        }
      }
      out.println("vaults: " + vaultCount);
      out.println("documents: " + documents);
      out.println(
          "blobs: "
              + committed
              + " committed ("
              + bytes
              + " bytes, read back whole), "
              + pending
              + " pending");
      Set<String> skipped = new HashSet<>(vaults.vaultIds());
      for (UserAccount account : accounts) {
        if (!account.beingDeleted()) {
          skipped.remove(account.id()); // checked: a live account's vault
        }
      }
      AnchoredDocuments.Result anchored =
          AnchoredDocuments.check(files.eventSource(), vaults, skipped);
      out.println(
          "chain anchors: "
              + (anchored.checked() - anchored.missing().size())
              + " of "
              + anchored.checked()
              + " documents the events anchor (vault_upload, not deleted since) are in their"
              + " vaults");
      for (AnchoredDocuments.Missing missing : anchored.missing()) {
        problems.add(
            "vault "
                + missing.userId()
                + " lacks document "
                + missing.docId()
                + " that the events anchor");
      }
      if (bucket != null) {
        out.println(
            "abandoned uploads in the bucket: "
                + bucket.abandonedUploads()
                + " (removed at the next start)");
      }
      for (String problem : problems) {
        out.println("problem: " + problem);
      }
      out.println(problems.isEmpty() ? "ok" : problems.size() + " problem(s)");
      return problems.isEmpty() ? 0 : 1;
    }

    /**
     * Whether the server's CSRF secret and signing key are there and open (never their values): the
     * files under {@code security/}, or the database's, sealed under {@code SEMPTIFY_SECRET}.
     */
    private static String keys(StateFiles files, PostgresStorage database, List<String> problems) {
      List<String> said = new ArrayList<>();
      if (database != null) {
        PostgresKeyMaterial material =
            database.keys(files.secret.orElseThrow(), System.currentTimeMillis() / 1000);
        for (String name :
            List.of(StoreMigrateCommand.CSRF_SECRET, StoreMigrateCommand.SIGNING_KEY)) {
          try {
            Optional<byte[]> key = material.stored(name);
            if (key.isPresent() && name.equals(StoreMigrateCommand.SIGNING_KEY)) {
              SigningKey.fromPem(
                  new String(key.get(), StandardCharsets.US_ASCII), "the database's " + name);
            }
            said.add(name + (key.isPresent() ? " opens" : " not created yet"));
          } catch (ConfigException e) {
            said.add(name + " does not open");
            problems.add(e.getMessage());
          }
        }
        return String.join(", ", said) + " (in the database, under SEMPTIFY_SECRET)";
      }
      Path csrf = files.dataRoot.csrfTokenFile();
      Path signing = files.dataRoot.security().resolve("signing_key.pem");
      if (!Files.exists(csrf, LinkOption.NOFOLLOW_LINKS)) {
        said.add("csrf.token not created yet");
      } else if (readsAsKey(csrf)) {
        said.add("csrf.token opens");
      } else {
        said.add("csrf.token does not open");
        problems.add(csrf + " is not a valid CSRF secret");
      }
      if (!Files.exists(signing, LinkOption.NOFOLLOW_LINKS)) {
        said.add("signing_key.pem not created yet");
      } else {
        try {
          SigningKey.fromPem(Files.readString(signing, StandardCharsets.US_ASCII), "x");
          said.add("signing_key.pem opens");
        } catch (IOException | ConfigException e) {
          said.add("signing_key.pem does not open");
          problems.add(signing + " is not a valid Ed25519 signing key");
        }
      }
      return String.join(", ", said);
    }

    private static boolean readsAsKey(Path file) {
      try {
        return KeyFile.loadOrCreate(file, 32).isPresent(); // exists: read, never created
      } catch (IOException e) {
        return false;
      }
    }

    /** The blob's stored bytes read to the end and counted; -1 when it is gone or breaks off. */
    private static long readWhole(VaultRepository vaults, String userId, String docId) {
      try {
        var blob = vaults.openBlob(userId, docId);
        if (blob.isEmpty()) {
          return -1;
        }
        try (InputStream in = blob.get().content()) {
          long read = in.transferTo(OutputStream.nullOutputStream());
          return read == blob.get().size() ? read : -1;
        }
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
  }
}
