package org.semptify.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.semptify.config.ConfigException;
import org.semptify.config.Settings;
import org.semptify.config.SettingsLoader;
import org.semptify.json.JsonMapping;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.ops.SecretScrubber;
import org.semptify.store.AdminToken;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.BlobStore;
import org.semptify.store.DataRoot;
import org.semptify.store.KeyFile;
import org.semptify.store.Share;
import org.semptify.store.ShareRepository;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;
import org.semptify.store.VaultCopy;
import org.semptify.store.file.FileBlobStore;
import org.semptify.store.file.FileStorage;
import org.semptify.store.file.FileVaultRepository;
import org.semptify.store.postgres.PostgresEventImport;
import org.semptify.store.postgres.PostgresKeyMaterial;
import org.semptify.store.postgres.PostgresStorage;
import org.semptify.store.postgres.PostgresVaultRepository;
import org.semptify.store.s3.S3BlobStore;
import org.semptify.vault.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semptify store migrate --to postgres}: copies a file data root into the database (and the
 * bucket) that {@code SEMPTIFY_STORE=postgres} servers use, idempotently, and verifies every vault
 * read back from there. Never changes the data root; never overwrites what the database holds.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Copy a file data root into PostgreSQL (and a bucket), idempotently, and verify it.",
      "Reads the data root (--data-root, else SEMPTIFY_DATA_ROOT) and writes into the database and"
          + " the blob store the servers of SEMPTIFY_STORE=postgres use, configured by the same"
          + " variables: SEMPTIFY_STORE=postgres, SEMPTIFY_DATABASE_URL (and"
          + " SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD), SEMPTIFY_SECRET,"
          + " SEMPTIFY_BLOB_STORE and SEMPTIFY_S3_*.",
      "Copies the CSRF secret and the signing key (sealed under SEMPTIFY_SECRET: certificates and"
          + " exports signed before still verify), every vault (manifest, records and blobs,"
          + " ciphertext byte for byte; with SEMPTIFY_BLOB_STORE=file the blobs stay in this data"
          + " root's uploads/), shares, user accounts, admin tokens (roles, used breakglass tokens)"
          + " and the events log.",
      "Stop the server on the data root first: nothing here can tell that it is running, and what"
          + " it writes meanwhile is not copied. The data root is only read.",
      "Idempotent: what the database holds already is counted ('already there'), never"
          + " overwritten; run it again and it copies nothing. An entry or a vault the database"
          + " holds differently is named and left as it is.",
      "Afterwards every vault is read back from the new store and compared by SHA-256 with the"
          + " data root (its certificate chain is inside the encrypted manifest: identical bytes,"
          + " identical signed chain; an export's 'verify-bundle' checks the signatures).",
      "Prints counts per kind, never a token, hash or key. Exit 0 when everything is in the new"
          + " store, 1 when a vault or an entry differs there (named), 2 when the store is not"
          + " configured, the data root is not one, or the database holds other keys (nothing is"
          + " copied then)."
    })
final class StoreMigrateCommand implements Callable<Integer> {
  /** The names App keeps the server's keys under in table {@code key_material}. */
  static final String CSRF_SECRET = "csrf_secret";

  static final String SIGNING_KEY = "signing_key";

  private static final int CSRF_KEY_BYTES = 32;
  private static final int BATCH = 1000;

  private final CliEnvironment environment;

  @Mixin DataRootOption root;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "postgres",
      description = "The store to copy into: 'postgres' (the only one there is).")
  String to;

  StoreMigrateCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  /** The data root's own keys, as the database keeps them; null where the file does not exist. */
  private record Keys(byte[] csrf, byte[] signingPem) {}

  /** One kind's outcome: how many copied, already there, and the ids held differently. */
  private record Tally(int copied, int same, List<String> differing) {
    String line(String kind) {
      return kind
          + ": "
          + copied
          + " copied, "
          + same
          + " already there"
          + (differing.isEmpty() ? "" : ", " + differing.size() + " held differently");
    }
  }

  @Override
  public Integer call() {
    return Failures.run(environment, this::migrate);
  }

  private int migrate() throws Exception {
    if (!"postgres".equals(to)) {
      throw new ConfigException("--to must be 'postgres' (got '" + to + "')");
    }
    Settings settings =
        SettingsLoader.load(environment.variables(), environment.workingDirectory());
    if (!settings.store().postgres() || settings.store().database().isEmpty()) {
      throw new ConfigException(
          "SEMPTIFY_STORE=postgres and SEMPTIFY_DATABASE_URL must be set as for the new servers"
              + " (with SEMPTIFY_SECRET): migrate copies into that database");
    }
    DataRoot dataRoot = new DataRoot(root.dataRoot != null ? root.dataRoot : settings.dataRoot());
    if (!Files.isDirectory(dataRoot.security(), LinkOption.NOFOLLOW_LINKS)) {
      throw new ConfigException(
          dataRoot.root() + " is not a Semptify data root (it has no security/ folder)");
    }
    Keys keys = fileKeys(dataRoot);
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    try (PostgresStorage database =
        PostgresStorage.open(
            settings.store().database().get(),
            JsonMapping.mapper(),
            quiet,
            "semptify-migrate",
            2)) {
      PostgresKeyMaterial material =
          database.keys(settings.secret().orElseThrow(), environment.clock().millis() / 1000);
      refuseOtherKeys(material, keys, dataRoot); // before anything is written
      S3BlobStore bucket = StateFiles.connectBucket(settings, environment.clock());
      try (AutoCloseable closing = bucket == null ? () -> {} : bucket) {
        return copy(dataRoot, database, material, keys, bucket, settings.blobStore().bucket());
      }
    }
  }

  private int copy(
      DataRoot dataRoot,
      PostgresStorage database,
      PostgresKeyMaterial material,
      Keys keys,
      S3BlobStore bucket,
      String bucketName)
      throws IOException {
    PrintStream out = environment.out();
    EventLog events =
        new EventLog(database.events(0, 0), environment.clock(), new SecretScrubber());
    FileStorage files = new FileStorage(dataRoot, JsonMapping.mapper());
    out.println("from: file data root " + dataRoot.root());
    out.println(
        "to: postgres (SEMPTIFY_DATABASE_URL), blobs "
            + (bucket == null
                ? "in this data root's uploads/ (SEMPTIFY_BLOB_STORE=file: they stay where they are)"
                : "in bucket '" + bucketName + "'"));
    List<String> problems = new ArrayList<>();

    out.println("keys: " + adoptKeys(material, keys));
    if (Files.exists(dataRoot.sessionKeyFile(), LinkOption.NOFOLLOW_LINKS)) {
      out.println(
          "note: security/session.key is not copied: the new servers sign sessions with"
              + " SEMPTIFY_SECRET, so browser sessions signed with session.key end (tokens are"
              + " unchanged; people sign in again)");
    }

    BlobStore fileBlobs = new FileBlobStore(dataRoot.uploads());
    VaultCopy.Report vaults =
        VaultCopy.copy(
            new FileVaultRepository(dataRoot.uploads(), fileBlobs),
            new PostgresVaultRepository(
                database.dataSource(), bucket != null ? bucket : fileBlobs));
    out.println(
        "vaults: "
            + vaults.vaults()
            + " ("
            + vaults.vaultsCopied()
            + " copied into); documents: "
            + vaults.documentsCopied()
            + " copied, "
            + vaults.documentsSame()
            + " already there; blobs: "
            + vaults.blobsCopied()
            + " copied, "
            + vaults.blobsSame()
            + " already there; "
            + vaults.bytesCopied()
            + " bytes copied");
    for (String userId : vaults.mismatches()) {
      problems.add(
          "vault "
              + userId
              + " does not read back from the new store as in the data root (left as it is"
              + " there)");
    }

    Tally shares = copyShares(files.shares(), database.shares());
    report(out, problems, "shares", "share", shares);
    Tally users = copyUsers(files.users(events), database.users(events));
    report(out, problems, "users", "user", users);
    Tally tokens = copyAdminTokens(files.adminTokens(events), database.adminTokens(events));
    report(out, problems, "admin tokens", "admin token", tokens);
    PostgresEventImport.Result imported =
        new PostgresEventImport(database).copyFrom(files.eventSource());
    out.println(
        "events: "
            + imported.copied()
            + " copied, "
            + imported.alreadyThere()
            + " already there"
            + (imported.unreadable() == 0
                ? ""
                : ", " + imported.unreadable() + " unreadable lines skipped"));

    int documents = vaults.documentsCopied() + vaults.blobsCopied();
    if (users.copied() + tokens.copied() + shares.copied() + documents + imported.copied() > 0) {
      events.record(
          EventType.STORE_MIGRATED,
          null,
          Payload.of(EventField.ACCOUNTS, users.copied())
              .with(EventField.VAULTS, vaults.vaultsCopied())
              .with(EventField.DOCUMENTS, documents)
              .with(EventField.BYTES, vaults.bytesCopied())
              .with(EventField.COUNT, imported.copied()));
    }
    for (String problem : problems) {
      out.println("problem: " + problem);
    }
    if (problems.isEmpty()) {
      out.println(
          "verified: all "
              + vaults.vaults()
              + " vaults read back from the new store byte for byte (SHA-256), chains included");
      out.println("ok");
      return 0;
    }
    out.println(problems.size() + " problem(s)");
    return 1;
  }

  private static void report(
      PrintStream out, List<String> problems, String kind, String one, Tally tally) {
    out.println(tally.line(kind));
    for (String id : tally.differing()) {
      problems.add(one + " " + id + " is held differently in the database (left as it is there)");
    }
  }

  /** The data root's CSRF secret and signing key, each validated; null where there is none. */
  private static Keys fileKeys(DataRoot dataRoot) throws IOException {
    byte[] csrf = null;
    Path csrfFile = dataRoot.csrfTokenFile();
    if (Files.exists(csrfFile, LinkOption.NOFOLLOW_LINKS)) {
      csrf = // exists: read, never created
          KeyFile.loadOrCreate(csrfFile, CSRF_KEY_BYTES)
              .orElseThrow(() -> new ConfigException(csrfFile + " is not a valid CSRF secret"));
    }
    byte[] signing = null;
    Path signingFile = dataRoot.security().resolve("signing_key.pem");
    if (Files.exists(signingFile, LinkOption.NOFOLLOW_LINKS)) {
      String pem = Files.readString(signingFile, StandardCharsets.US_ASCII);
      SigningKey.fromPem(pem, signingFile.toString()); // a valid key pair, or exit 2
      signing = pem.getBytes(StandardCharsets.US_ASCII);
    }
    return new Keys(csrf, signing);
  }

  /**
   * Refuses (exit 2, nothing written) when the database holds a CSRF secret or a signing key other
   * than the data root's: a server ran on it already, and overwriting its keys would break what it
   * issued.
   */
  private static void refuseOtherKeys(PostgresKeyMaterial material, Keys keys, DataRoot root) {
    if (keys.csrf() != null) {
      Optional<byte[]> stored = material.stored(CSRF_SECRET);
      if (stored.isPresent() && !MessageDigest.isEqual(stored.get(), keys.csrf())) {
        throw otherKey("CSRF secret", root.csrfTokenFile());
      }
    }
    if (keys.signingPem() != null) {
      Optional<byte[]> stored = material.stored(SIGNING_KEY);
      if (stored.isPresent() && !sameSigningKey(stored.get(), keys.signingPem())) {
        throw otherKey("signing key", root.security().resolve("signing_key.pem"));
      }
    }
  }

  private static ConfigException otherKey(String what, Path file) {
    return new ConfigException(
        "the database holds another "
            + what
            + " than "
            + file
            + " (a server has run on it already); nothing was copied. Migrate into a new, empty"
            + " database; the keys are never overwritten");
  }

  private static boolean sameSigningKey(byte[] a, byte[] b) {
    String first = new String(a, StandardCharsets.US_ASCII);
    String second = new String(b, StandardCharsets.US_ASCII);
    return SigningKey.fromPem(first, "the database's " + SIGNING_KEY)
        .publicKeyPem()
        .equals(SigningKey.fromPem(second, "signing_key.pem").publicKeyPem());
  }

  /** Stores the data root's keys where none are yet; says what was done (never the keys). */
  private static String adoptKeys(PostgresKeyMaterial material, Keys keys) {
    List<String> said = new ArrayList<>();
    if (keys.csrf() == null) {
      said.add("no csrf.token in the data root");
    } else {
      boolean there = material.stored(CSRF_SECRET).isPresent();
      byte[] stored = material.adopt(CSRF_SECRET, keys.csrf());
      if (!MessageDigest.isEqual(stored, keys.csrf())) {
        throw new IllegalStateException("the database's CSRF secret changed meanwhile");
      }
      said.add("CSRF secret " + (there ? "already there" : "copied"));
    }
    if (keys.signingPem() == null) {
      said.add("no signing_key.pem in the data root");
    } else {
      boolean there = material.stored(SIGNING_KEY).isPresent();
      byte[] stored = material.adopt(SIGNING_KEY, keys.signingPem());
      if (!sameSigningKey(stored, keys.signingPem())) {
        throw new IllegalStateException("the database's signing key changed meanwhile");
      }
      said.add("signing key " + (there ? "already there" : "copied"));
    }
    return String.join(", ", said);
  }

  private static Tally copyUsers(UserRepository source, UserRepository target) {
    Map<String, UserAccount> present = new LinkedHashMap<>();
    for (UserAccount account : target.list()) {
      present.put(account.id(), account);
    }
    List<UserAccount> missing = new ArrayList<>();
    int same = 0;
    List<String> differing = new ArrayList<>();
    for (UserAccount account : source.list()) {
      UserAccount there = present.get(account.id());
      if (there == null) {
        missing.add(account);
      } else if (there.equals(account)) {
        same++;
      } else {
        differing.add(account.id());
      }
    }
    for (int from = 0; from < missing.size(); from += BATCH) {
      target.addAll(missing.subList(from, Math.min(missing.size(), from + BATCH)));
    }
    return new Tally(missing.size(), same, differing);
  }

  private static Tally copyAdminTokens(AdminTokenRepository source, AdminTokenRepository target) {
    Map<String, AdminToken> present = new LinkedHashMap<>();
    for (AdminToken token : target.list()) {
      present.put(token.id(), token);
    }
    int copied = 0;
    int same = 0;
    List<String> differing = new ArrayList<>();
    for (AdminToken entry : source.list()) {
      AdminToken token = entry.hashed(); // a legacy plaintext value never reaches the database
      AdminToken there = present.get(token.id());
      if (there == null) {
        target.add(token);
        copied++;
      } else if (there.equals(token)) {
        same++;
      } else {
        differing.add(token.id());
      }
    }
    return new Tally(copied, same, differing);
  }

  private static Tally copyShares(ShareRepository source, ShareRepository target) {
    Set<String> present = new HashSet<>(target.allIds());
    int copied = 0;
    int same = 0;
    List<String> differing = new ArrayList<>();
    for (String shareId : source.allIds()) {
      Optional<Share> share = source.find(shareId);
      if (share.isEmpty()) {
        continue;
      }
      if (!present.contains(shareId)) {
        target.put(share.get());
        copied++;
      } else if (share.equals(target.find(shareId))) {
        same++;
      } else {
        differing.add(shareId);
      }
    }
    return new Tally(copied, same, differing);
  }
}
