package org.semptify.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.semptify.admin.AdminTokenStore;
import org.semptify.admin.web.AdminAccess;
import org.semptify.admin.web.AdminActions;
import org.semptify.admin.web.AdminAuthenticator;
import org.semptify.admin.web.AdminPages;
import org.semptify.admin.web.AdminRoutes;
import org.semptify.config.ConfigException;
import org.semptify.config.DatabaseSettings;
import org.semptify.config.Secret;
import org.semptify.config.SecurityMode;
import org.semptify.config.Settings;
import org.semptify.config.SlowClientSettings;
import org.semptify.config.VaultSettings;
import org.semptify.documents.DocumentSaver;
import org.semptify.documents.PdfFonts;
import org.semptify.documents.PdfRenderer;
import org.semptify.documents.web.DocumentHandlers;
import org.semptify.documents.web.DocumentRoutes;
import org.semptify.documents.web.ResourceHandlers;
import org.semptify.i18n.Messages;
import org.semptify.json.JsonMapping;
import org.semptify.ops.AccessLog;
import org.semptify.ops.BuildInfo;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventLogCheck;
import org.semptify.ops.EventType;
import org.semptify.ops.FolderWritableCheck;
import org.semptify.ops.Metrics;
import org.semptify.ops.Payload;
import org.semptify.ops.Readiness;
import org.semptify.ops.ReadinessCheck;
import org.semptify.ops.SecretScrubber;
import org.semptify.ops.StartupLog;
import org.semptify.ops.StorageHealth;
import org.semptify.records.web.RecordRoutes;
import org.semptify.security.CsrfProtection;
import org.semptify.security.SealedCookies;
import org.semptify.security.SessionKey;
import org.semptify.security.SlidingWindowRateLimiter;
import org.semptify.security.web.AdminRateLimitFilter;
import org.semptify.security.web.BrowserSessions;
import org.semptify.security.web.CsrfFilter;
import org.semptify.security.web.FormTokens;
import org.semptify.security.web.Sessions;
import org.semptify.store.BlobStore;
import org.semptify.store.DataRoot;
import org.semptify.store.RateLimitStore;
import org.semptify.store.Storage;
import org.semptify.store.VaultRepository;
import org.semptify.store.file.FileBlobStore;
import org.semptify.store.file.FileStorage;
import org.semptify.store.file.FileVaultRepository;
import org.semptify.store.postgres.PostgresKeyMaterial;
import org.semptify.store.postgres.PostgresStorage;
import org.semptify.store.postgres.PostgresVaultRepository;
import org.semptify.store.s3.BucketCheck;
import org.semptify.store.s3.S3BlobStore;
import org.semptify.users.StorageUsage;
import org.semptify.users.UserStore;
import org.semptify.users.web.RegistrationHandlers;
import org.semptify.users.web.UserAuthenticator;
import org.semptify.users.web.UserRoutes;
import org.semptify.vault.ShareStore;
import org.semptify.vault.SigningKey;
import org.semptify.vault.VaultDeletion;
import org.semptify.vault.VaultStorage;
import org.semptify.vault.web.ExportHandler;
import org.semptify.vault.web.ShareHandlers;
import org.semptify.vault.web.UploadReceiver;
import org.semptify.vault.web.VaultDeletionHandlers;
import org.semptify.vault.web.VaultHandlers;
import org.semptify.vault.web.VaultRoutes;
import org.semptify.web.ClientAddress;
import org.semptify.web.ErrorResponder;
import org.semptify.web.FormBodyLimit;
import org.semptify.web.Pages;
import org.semptify.web.RequestAttributes;
import org.semptify.web.ResponseCompression;

/**
 * The composition root: builds every object with plain constructors from {@link Settings} and wires
 * them into one Javalin server. Nothing else creates services.
 */
public final class App {
  private static final long DRAIN_MILLIS = 10_000;

  private final Settings settings;
  private final Javalin javalin;
  private final EventLog events;
  private final StartupLog startupLog;
  private final Optional<PostgresStorage> database;
  private final Runnable closeStores;
  private final UserStore users;

  private App(Settings settings, Javalin javalin, Foundation base, Stores stores) {
    this.settings = settings;
    this.javalin = javalin;
    this.events = base.events();
    this.startupLog = base.startupLog();
    this.database = base.database();
    this.closeStores = stores.close();
    this.users = stores.users();
  }

  /** Validates what depends on the machine (data root, bind address), then builds the server. */
  public static App create(Settings settings, Clock clock) {
    return create(settings, clock, routes -> {});
  }

  /**
   * As {@link #create(Settings, Clock)}, plus {@code extraRoutes}: a seam for tests that need an
   * endpoint which throws or blocks to exercise the pipeline.
   */
  public static App create(Settings settings, Clock clock, Consumer<RoutesConfig> extraRoutes) {
    refuseOpenModeOnPublicAddress(settings);
    Foundation base = foundation(settings, clock);
    Stores stores = null;
    boolean built = false;
    try {
      stores = stores(settings, base, clock);
      WebKit web = webKit(settings, base, clock);
      Features features = features(settings, base, stores, web, clock);
      Javalin javalin = server(settings, base, stores, web, features.routes(), extraRoutes);
      logStartup(settings, base, features.pdfFonts());
      App app = new App(settings, javalin, base, stores);
      built = true;
      return app;
    } finally {
      if (!built) {
        if (stores != null) {
          stores.close().run();
        }
        base.database().ifPresent(App::closeQuietly); // a failed start leaves no pool behind
      }
    }
  }

  /** What every other step uses: the data root, JSON, logs, the event log, metrics and storage. */
  private record Foundation(
      DataRoot dataRoot,
      ObjectMapper json,
      BuildInfo build,
      SecretScrubber scrubber,
      StartupLog startupLog,
      Secret sessionKey,
      CsrfProtection csrf,
      Storage storage,
      Optional<PostgresStorage> database,
      EventLog events,
      Metrics metrics,
      AccessLog accessLog) {

    /** A rate limit: in this process's memory on files, shared by every node on PostgreSQL. */
    RateLimitStore rateLimit(String limiter, int max, long windowMillis, Clock clock) {
      return database
          .<RateLimitStore>map(db -> db.rateLimit(limiter, max, windowMillis, clock))
          .orElseGet(() -> new SlidingWindowRateLimiter(max, windowMillis, clock));
    }
  }

  private static Foundation foundation(Settings settings, Clock clock) {
    DataRoot dataRoot = prepareDataRoot(settings.dataRoot());
    ObjectMapper json = JsonMapping.mapper();
    BuildInfo build = BuildInfo.load();

    SecretScrubber scrubber = new SecretScrubber();
    settings.legacyAdminToken().ifPresent(token -> scrubber.register(token.bytes()));
    settings.secret().ifPresent(secret -> scrubber.register(secret.bytes()));
    settings.blobStore().secretAccessKey().ifPresent(secret -> scrubber.register(secret.bytes()));
    settings.blobStore().sessionToken().ifPresent(secret -> scrubber.register(secret.bytes()));
    StartupLog startupLog =
        new StartupLog(
            dataRoot.initLog(), settings.logMaxBytes(), settings.logBackups(), clock, scrubber);
    Secret sessionKey;
    try {
      sessionKey = SessionKey.resolve(settings.secret(), dataRoot.sessionKeyFile());
    } catch (IOException e) {
      throw new ConfigException(
          dataRoot.sessionKeyFile()
              + " cannot be read or created ("
              + e.getClass().getSimpleName()
              + ")");
    }
    Optional<PostgresStorage> database = openDatabase(settings, json);
    Storage storage =
        database.<Storage>map(db -> db).orElseGet(() -> new FileStorage(dataRoot, json));
    CsrfProtection csrf = null;
    try {
      csrf =
          database.isPresent()
              ? CsrfProtection.fromKey(
                  keys(settings, database.get(), clock)
                      .loadOrCreate(CSRF_KEY, CsrfProtection::newKey),
                  "the database's " + CSRF_KEY)
              : CsrfProtection.load(dataRoot.csrfTokenFile());
    } finally {
      if (csrf == null) {
        database.ifPresent(App::closeQuietly);
      }
    }
    EventLog events =
        new EventLog(
            storage.events(settings.logMaxBytes(), settings.logBackups()), clock, scrubber);
    Metrics metrics = new Metrics(clock);
    AccessLog accessLog =
        settings.accessLogJson()
            ? new AccessLog(
                dataRoot.accessLog(),
                settings.logMaxBytes(),
                settings.logBackups(),
                json,
                scrubber,
                clock)
            : null;

    return new Foundation(
        dataRoot,
        json,
        build,
        scrubber,
        startupLog,
        sessionKey,
        csrf,
        storage,
        database,
        events,
        metrics,
        accessLog);
  }

  private static final String CSRF_KEY = "csrf_secret";
  private static final String SIGNING_KEY = "signing_key";

  /**
   * {@code SEMPTIFY_STORE=postgres}: the database, waited for (bounded) and migrated; empty on
   * files. A database that cannot be used stops start-up with a {@link ConfigException} naming the
   * variable (exit 2).
   */
  private static Optional<PostgresStorage> openDatabase(Settings settings, ObjectMapper json) {
    if (!settings.store().postgres()) {
      return Optional.empty();
    }
    DatabaseSettings database = settings.store().database().orElseThrow();
    return Optional.of(
        PostgresStorage.open(database, json, System.out, "semptify", database.poolSize()));
  }

  /** The server's keys kept in the database, sealed under {@code SEMPTIFY_SECRET}. */
  private static PostgresKeyMaterial keys(
      Settings settings, PostgresStorage database, Clock clock) {
    return database.keys(settings.secret().orElseThrow(), clock.millis() / 1000);
  }

  private static void closeQuietly(PostgresStorage database) {
    try {
      database.close();
    } catch (Exception e) {
      // start-up failed already; the pool's threads are daemons
    }
  }

  /**
   * The admin token and user stores, where the vaults' blobs live, and the readiness checks over
   * them and the data root; {@code close} releases what they hold (the bucket's connections).
   */
  private record Stores(
      AdminTokenStore adminTokens,
      UserStore users,
      BlobStore blobs,
      StorageHealth storageHealth,
      Readiness readiness,
      Runnable close) {}

  private static Stores stores(Settings settings, Foundation base, Clock clock) {
    AdminTokenStore adminTokens =
        new AdminTokenStore(base.storage().adminTokens(base.events()), clock);
    UserStore users = new UserStore(base.storage().users(base.events()), clock);
    preload(users);

    List<ReadinessCheck> checks = new ArrayList<>();
    checks.add(new FolderWritableCheck("security_writable", base.dataRoot().security()));
    checks.add(new FolderWritableCheck("logs_writable", base.dataRoot().logs()));
    checks.add(new FolderWritableCheck("uploads_writable", base.dataRoot().uploads()));
    checks.add(new EventLogCheck(base.events()));
    StorageHealth storageHealth = new StorageHealth();
    checks.add(storageHealth);
    checks.add(adminTokens.repository());
    checks.add(users.repository());
    base.database().ifPresent(checks::add);
    BlobStore blobs;
    Runnable close = () -> {};
    if (settings.blobStore().s3()) {
      S3BlobStore bucket =
          S3BlobStore.connect(
              settings.blobStore(),
              clock,
              S3BlobStore.staleAfter(
                  settings.vault().maxUploadBytes(),
                  settings.slowClients().minBytesPerSecond(),
                  settings.slowClients().idleTimeoutSeconds()));
      close = bucket::close;
      sweepStaleUploads(base, bucket);
      checks.add(new BucketCheck(bucket));
      blobs = bucket;
    } else {
      blobs = new FileBlobStore(base.dataRoot().uploads());
    }
    Readiness readiness = new Readiness(checks);

    return new Stores(adminTokens, users, blobs, storageHealth, readiness, close);
  }

  /**
   * At start-up: aborts the bucket's multipart uploads that no live request can still be writing
   * (their node died mid-upload), so no orphaned parts remain.
   */
  private static void sweepStaleUploads(Foundation base, S3BlobStore bucket) {
    try {
      int aborted = bucket.sweepStaleUploads();
      base.startupLog()
          .info("blob store: bucket ready; " + aborted + " abandoned multipart upload(s) removed");
    } catch (RuntimeException e) {
      base.startupLog()
          .warn("blob store: the sweep of abandoned uploads failed; it runs again at next start");
    }
  }

  /** Sessions, CSRF and the admin rate limit, and the page renderer built on them. */
  private record WebKit(
      Sessions sessions,
      FormTokens formTokens,
      Pages pages,
      ErrorResponder responder,
      CsrfFilter csrfFilter,
      AdminRateLimitFilter adminRateLimit) {}

  private static WebKit webKit(Settings settings, Foundation base, Clock clock) {
    Sessions sessions = new Sessions(new SealedCookies(base.sessionKey()), base.json(), clock);
    FormTokens formTokens = new FormTokens(sessions, base.csrf());
    Pages pages =
        new Pages(
            settings.securityMode(), Messages.load(), new BrowserSessions(sessions, formTokens));
    ErrorResponder responder = new ErrorResponder(pages);
    AdminRateLimitFilter adminRateLimit =
        new AdminRateLimitFilter(
            base.rateLimit(
                "admin",
                settings.adminRate().max(),
                settings.adminRate().windowSeconds() * 1000L,
                clock),
            settings.adminRate(),
            base.events(),
            base.metrics());
    CsrfFilter csrfFilter = new CsrfFilter(settings.securityMode(), formTokens, base.events());
    return new WebKit(sessions, formTokens, pages, responder, csrfFilter, adminRateLimit);
  }

  /** Each feature's handlers, wired to the stores, and the route table that lists them. */
  private record Features(Routes routes, PdfFonts pdfFonts) {}

  private static Features features(
      Settings settings, Foundation base, Stores stores, WebKit web, Clock clock) {
    OpsHandlers ops =
        new OpsHandlers(
            stores.readiness(), base.metrics(), base.build(), settings.securityMode(), clock);

    AdminAuthenticator adminAuth =
        new AdminAuthenticator(
            settings.securityMode(),
            stores.adminTokens(),
            settings.legacyAdminToken(),
            web.sessions(),
            base.events(),
            base.metrics(),
            clock);
    AdminAccess adminAccess = new AdminAccess(adminAuth, base.events(), base.metrics(), clock);
    AdminPages adminPages =
        new AdminPages(
            adminAuth,
            adminAccess,
            stores.adminTokens(),
            stores.users(),
            new StorageUsage(base.dataRoot().uploads(), stores.blobs()),
            stores.readiness(),
            base.metrics(),
            base.storage().eventSource(),
            web.sessions(),
            web.pages(),
            settings.securityMode().wireName(),
            clock);
    AdminActions adminActions =
        new AdminActions(
            adminAccess,
            adminAuth,
            stores.adminTokens(),
            stores.users(),
            web.sessions(),
            base.events(),
            base.metrics());
    VaultSettings vaultSettings = settings.vault();
    SigningKey signingKey =
        base.database().isPresent()
            ? SigningKey.fromPem(
                new String(
                    keys(settings, base.database().get(), clock)
                        .loadOrCreate(
                            SIGNING_KEY,
                            () -> SigningKey.newPem().getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.US_ASCII),
                "the database's " + SIGNING_KEY)
            : SigningKey.loadOrCreate(base.dataRoot().security().resolve("signing_key.pem"));
    try {
      VaultStorage.removeIncompleteWrites(base.dataRoot().uploads());
    } catch (IOException e) {
      throw new ConfigException(
          "uploads/ cannot be cleaned of interrupted writes ("
              + e.getClass().getSimpleName()
              + ")");
    }
    // With SEMPTIFY_STORE=postgres the manifests and records are rows every node shares (blobs go
    // where SEMPTIFY_BLOB_STORE says: a bucket, for several nodes).
    VaultRepository vaultRepository =
        base.database()
            .<VaultRepository>map(
                database -> new PostgresVaultRepository(database.dataSource(), stores.blobs()))
            .orElseGet(() -> new FileVaultRepository(base.dataRoot().uploads(), stores.blobs()));
    VaultStorage vaultStorage = new VaultStorage(vaultRepository, signingKey, base.json(), clock);
    VaultDeletion vaultDeletion =
        new VaultDeletion(
            stores.users().repository(),
            base.storage().shares(),
            vaultRepository,
            base.events(),
            clock,
            base.metrics().vaultsDeleted::inc,
            VaultDeletion.pauseFromSystemProperty());
    try {
      vaultDeletion.finishInterrupted();
    } catch (IOException e) {
      throw new ConfigException(
          "a vault deletion interrupted by a crash cannot be finished ("
              + e.getClass().getSimpleName()
              + ")");
    }
    UserAuthenticator userAuth =
        new UserAuthenticator(
            stores.users(),
            web.sessions(),
            base.rateLimit(
                "auth_fail",
                vaultSettings.authFailMax(),
                vaultSettings.authFailWindowSeconds() * 1000L,
                clock),
            vaultSettings.authFailWindowSeconds(),
            base.events(),
            clock);
    RegistrationHandlers registration =
        new RegistrationHandlers(
            stores.users(),
            web.sessions(),
            base.rateLimit(
                "register",
                vaultSettings.registerMax(),
                vaultSettings.registerWindowSeconds() * 1000L,
                clock),
            vaultSettings.registerWindowSeconds(),
            web.pages(),
            base.events(),
            base.metrics(),
            clock,
            (access, label) -> vaultStorage.open(access).setLabel(label));
    VaultHandlers vault =
        new VaultHandlers(
            userAuth,
            stores.users(),
            vaultStorage,
            new UploadReceiver(web.csrfFilter()),
            vaultSettings,
            web.sessions(),
            web.pages(),
            base.events(),
            base.metrics());
    ExportHandler export = new ExportHandler(userAuth, vaultStorage, base.events());
    ShareHandlers shares =
        new ShareHandlers(
            userAuth,
            vaultStorage,
            new ShareStore(base.storage().shares()),
            web.pages(),
            base.events(),
            base.metrics(),
            web.sessions(),
            clock);
    PdfFonts pdfFonts = PdfFonts.discover();
    DocumentSaver documentSaver =
        new DocumentSaver(new PdfRenderer(pdfFonts, clock), vaultSettings);
    DocumentHandlers documents =
        new DocumentHandlers(
            userAuth,
            vaultStorage,
            documentSaver,
            web.pages(),
            web.responder(),
            base.events(),
            base.metrics(),
            clock);
    ResourceHandlers resources = new ResourceHandlers(documents.forms(), web.pages());
    RecordRoutes records =
        new RecordRoutes(
            userAuth,
            vaultStorage,
            web.sessions(),
            web.pages(),
            web.responder(),
            base.events(),
            documentSaver,
            new UploadReceiver(web.csrfFilter()),
            vaultSettings,
            base.json(),
            clock);
    documents.onSaved(records.logbookLink());
    export.include(records.exportFiles(base.json(), clock));
    Routes routes =
        new Routes(
            web.pages(),
            ops,
            web.adminRateLimit(),
            web.csrfFilter(),
            web.sessions(),
            new AdminRoutes(adminPages, adminActions, adminAccess, web.responder()),
            new UserRoutes(registration, web.pages(), web.responder(), web.sessions()),
            new VaultRoutes(
                vault,
                export,
                shares,
                web.pages(),
                web.responder(),
                new VaultDeletionHandlers(
                    userAuth,
                    stores.users(),
                    vaultStorage,
                    vaultDeletion,
                    web.sessions(),
                    web.pages())),
            new DocumentRoutes(documents, resources),
            records,
            new InstallableApp(web.pages(), base.build()));

    return new Features(routes, pdfFonts);
  }

  /** The Jetty server under Javalin: pipeline, error mapping, static files and the routes. */
  private static Javalin server(
      Settings settings,
      Foundation base,
      Stores stores,
      WebKit web,
      Routes routes,
      Consumer<RoutesConfig> extraRoutes) {
    ClientAddress clientAddress = new ClientAddress(settings.trustProxyHops());
    RequestPipeline pipeline =
        new RequestPipeline(
            clientAddress,
            new SecurityHeaders(settings.forceHttps(), settings.hstsMaxAgeSeconds()),
            settings.forceHttps(),
            settings.publicUrl().orElse(null),
            base.events(),
            base.metrics(),
            base.accessLog());
    ErrorMapping errorMapping =
        new ErrorMapping(
            web.responder(),
            base.events(),
            base.metrics(),
            stores.storageHealth(),
            base.startupLog());
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          config.jetty.addConnector(
              (server, httpConfiguration) -> connector(server, httpConfiguration, settings));
          config.jetty.modifyServer(
              server -> {
                server.setErrorHandler(quietJettyErrors());
                // Javalin nests its handler inside the innermost of these. The graceful handler
                // counts requests until their responses complete, so stop() can wait for them;
                // the upload queue keeps slow bodies from taking every thread.
                server.setHandler(new GracefulHandler(uploadQueue(settings)));
                server.setStopTimeout(DRAIN_MILLIS);
              });
          config.http.prefer405over404 = true;
          // The default compression; our own answers' types are decided by one lookup.
          config.http.compressionStrategy =
              ResponseCompression.allowing(
                  List.of(
                      Metrics.CONTENT_TYPE,
                      "text/plain; charset=utf-8",
                      "text/html; charset=utf-8",
                      "application/json"));
          // Only form routes parse multipart through the servlet API (uploads stream their
          // bodies themselves), and nothing of theirs is ever spooled to disk.
          config.jetty.multipartConfig.maxTotalRequestSize(FormBodyLimit.KILOBYTES, SizeUnit.KB);
          config.jetty.multipartConfig.maxFileSize(FormBodyLimit.KILOBYTES, SizeUnit.KB);
          config.jetty.multipartConfig.maxInMemoryFileSize(FormBodyLimit.KILOBYTES, SizeUnit.KB);
          config.jsonMapper(new JavalinJackson(base.json(), false));
          config.contextResolver.ip = RequestAttributes::clientIp;
          config.requestLogger.http(pipeline::finished);
          config.routes.before(pipeline::before);
          errorMapping.register(config.routes);
          routes.register(config.routes);
          extraRoutes.accept(config.routes);
        });
  }

  private static void logStartup(Settings settings, Foundation base, PdfFonts pdfFonts) {
    base.startupLog()
        .info(
            "Semptify "
                + base.build().version()
                + " (git "
                + base.build().gitSha()
                + ", built "
                + base.build().buildTime()
                + ")");
    base.startupLog().info("security mode: " + settings.securityMode().wireName());
    base.startupLog().info("data root: " + base.dataRoot().root());
    base.startupLog()
        .info(
            "store: "
                + settings.store().kind().wireName()
                + (settings.store().postgres()
                    ? " (users, tokens, shares, rate limits, events and keys in the database;"
                        + " files under security/ are not read)"
                    : ""));
    settings
        .store()
        .database()
        .ifPresent(
            database ->
                base.startupLog()
                    .info(
                        "database: a pool of at most "
                            + database.poolSize()
                            + " connections on this node (SEMPTIFY_DATABASE_POOL)"));
    base.startupLog().info(pdfFonts.describe());
    warnAboutRiskySettings(settings, base.startupLog());
  }

  /**
   * The HTTP connector, as Javalin would make it, but reading requests in 64 KiB rather than 8 KiB:
   * a large upload then wakes the handler thread an eighth as often (it measured about 1.3 times
   * faster). Slow clients: headers are read without a thread (slowloris holds nothing); a request
   * is handed to a thread only once its body starts to arrive; the body must then keep up {@code
   * SEMPTIFY_MIN_UPLOAD_BYTES_PER_SECOND} on average (else 408), and any read waits at most the
   * idle timeout for its next byte.
   */
  private static ServerConnector connector(
      Server server, HttpConfiguration httpConfiguration, Settings settings) {
    SlowClientSettings slow = settings.slowClients();
    httpConfiguration.setDelayDispatchUntilContent(true);
    httpConfiguration.setMinRequestDataRate(slow.minBytesPerSecond());
    httpConfiguration.setIdleTimeout(slow.idleTimeoutSeconds() * 1000L);
    HttpConnectionFactory http = new HttpConnectionFactory(httpConfiguration);
    http.setInputBufferSize(64 * 1024);
    ServerConnector connector = new ServerConnector(server, http);
    connector.setIdleTimeout(slow.idleTimeoutSeconds() * 1000L);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }

  /**
   * At most {@code SEMPTIFY_MAX_CONCURRENT_UPLOADS} requests with a body (POST, PUT, PATCH, DELETE)
   * are served at once, well below the server's 250 threads: clients that send their bodies slowly
   * can hold those places, but never the threads that answer everything else ({@code /health},
   * pages, downloads). Requests beyond the limit wait without a thread, in order, up to the queue
   * time, and then get 503.
   */
  private static QoSHandler uploadQueue(Settings settings) {
    QoSHandler queue = new QoSHandler();
    queue.includeMethod("POST", "PUT", "PATCH", "DELETE");
    queue.setMaxRequestCount(settings.slowClients().maxConcurrentUploads());
    queue.setMaxSuspend(Duration.ofSeconds(settings.slowClients().queueSeconds()));
    return queue;
  }

  /**
   * Reads users.json on the second core while the rest of the server starts (with 100,000 users it
   * takes about as long). A request that needs it meanwhile waits for this read, not a second one.
   */
  private static void preload(UserStore users) {
    Thread preload = new Thread(users::problem, "users-preload");
    preload.setDaemon(true);
    preload.start();
  }

  /**
   * Gives back what starting took. Starting (above all reading a large {@code users.json}) leaves
   * tens of MB of short-lived objects that the serial collector promoted early, and it keeps that
   * old generation committed, so resident, until a full collection that an idle server may never
   * run: with 100,000 accounts about 35 MB. Waits for the start-up read of the accounts, then
   * collects once (the launcher's {@code -XX:-ShrinkHeapInSteps} lets that one collection give the
   * memory back). For {@code serve} only, on a thread of its own; tests share a JVM and skip it.
   */
  public void releaseStartupMemory() {
    users.problem(); // waits for the start-up read; never reads the file a second time
    ManagementFactory.getMemoryMXBean().gc();
  }

  public App start() {
    javalin.start();
    startupLog.info("listening on http://" + hostForUrl(settings.host()) + ":" + port());
    events.record(
        EventType.SERVER_STARTED,
        null,
        Payload.of(EventField.MODE, settings.securityMode().wireName()));
    return this;
  }

  public int port() {
    return javalin.port();
  }

  /**
   * Graceful stop: Jetty's {@link GracefulHandler} stops accepting connections and lets requests in
   * flight finish (up to {@link #DRAIN_MILLIS}) before the server stops. Every log line is already
   * on disk: the logs are written synchronously.
   *
   * <p>Jetty also gives idle keep-alive connections a second to close. When no request is in flight
   * (after a moment for one whose answer has just left), every connection is idle, so they are
   * closed at once instead: nothing is cut short, and a stop takes milliseconds, not a second.
   */
  public void stop() {
    Server jetty = javalin.jettyServer().server();
    if (settlesWithNothingInFlight(jetty)) {
      for (Connector connector : jetty.getConnectors()) {
        if (connector instanceof AbstractConnector idleClosing) {
          idleClosing.setShutdownIdleTimeout(1);
        }
      }
    }
    javalin.stop();
    try {
      events.record(EventType.SERVER_STOPPED, null);
    } catch (RuntimeException e) {
      // Shutting down anyway; nothing more to protect.
    }
    closeStores.run();
    startupLog.info("stopped");
    database.ifPresent(App::closeQuietly);
  }

  /**
   * True once no request is in flight. An answer can reach its client a moment before its request
   * is done (the access line is written after sending), so this waits up to 200 ms for that.
   */
  private static boolean settlesWithNothingInFlight(Server jetty) {
    long deadline = System.nanoTime() + 200_000_000L;
    while (true) {
      long inFlight = 0;
      for (GracefulHandler graceful : jetty.getContainedBeans(GracefulHandler.class)) {
        inFlight += graceful.getCurrentRequestCount();
      }
      if (inFlight == 0) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static ErrorHandler quietJettyErrors() {
    // Errors Jetty answers itself (malformed requests) must not echo the URI or a stack trace, and
    // carry the security headers every answer carries.
    ErrorHandler handler =
        new ErrorHandler() {
          @Override
          public boolean handle(
              org.eclipse.jetty.server.Request request,
              org.eclipse.jetty.server.Response response,
              org.eclipse.jetty.util.Callback callback)
              throws Exception {
            SecurityHeaders.applyTo(response.getHeaders()::put);
            return super.handle(request, response, callback);
          }
        };
    handler.setShowStacks(false);
    handler.setShowMessageInTitle(false);
    return handler;
  }

  private static DataRoot prepareDataRoot(Path root) {
    DataRoot dataRoot = new DataRoot(root);
    try {
      dataRoot.prepare();
    } catch (IOException | UnsupportedOperationException e) {
      throw new ConfigException(
          "SEMPTIFY_DATA_ROOT must be a writable folder on a POSIX file system ("
              + root
              + ": "
              + e.getClass().getSimpleName()
              + ")");
    }
    return dataRoot;
  }

  private static void refuseOpenModeOnPublicAddress(Settings settings) {
    if (settings.securityMode() == SecurityMode.OPEN
        && !settings.allowOpenPublic()
        && !isLoopback(settings.host())) {
      throw new ConfigException(
          "SECURITY_MODE=open is refused on the non-loopback address "
              + settings.host()
              + "; bind SEMPTIFY_HOST to 127.0.0.1, or set SEMPTIFY_ALLOW_OPEN_PUBLIC=1 if you really mean it");
    }
  }

  private static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void warnAboutRiskySettings(Settings settings, StartupLog log) {
    if (settings.securityMode() == SecurityMode.OPEN) {
      log.warn(
          "!!! SECURITY_MODE=open: admin pages need NO token and CSRF is NOT checked. Never use this in production. !!!");
    }
    if (settings.secret().isPresent() && settings.secret().get().length() < 32) {
      log.warn("SEMPTIFY_SECRET is shorter than 32 characters; use a long random value");
    }
    if (settings.legacyAdminToken().isPresent()) {
      log.warn(
          "ADMIN_TOKEN is set: the legacy environment admin token is accepted; prefer 'semptify admin-token create'");
    }
    if (settings.forceHttps() && settings.trustProxyHops() == 0) {
      log.warn(
          "FORCE_HTTPS is on but SEMPTIFY_TRUST_PROXY is 0: HSTS is sent, but plain HTTP is not redirected");
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
