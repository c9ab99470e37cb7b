package org.semptify.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the process environment (plus the optional {@code security/render.env} under the data root,
 * which never overrides a variable that is already set) into validated {@link Settings}. Every
 * problem is a {@link ConfigException} naming the variable and the values it accepts.
 */
public final class SettingsLoader {
  /** Every variable read here; the README table and render.env.example list the same set. */
  public static final List<String> VARIABLES =
      List.of(
          "SEMPTIFY_DATA_ROOT",
          "SEMPTIFY_HOST",
          "SEMPTIFY_PORT",
          "PORT",
          "SECURITY_MODE",
          "SEMPTIFY_ALLOW_OPEN_PUBLIC",
          "SEMPTIFY_SECRET",
          "FLASK_SECRET",
          "ADMIN_TOKEN",
          "ADMIN_RATE_WINDOW",
          "ADMIN_RATE_MAX",
          "ADMIN_RATE_STATUS",
          "ADMIN_RATE_RETRY_AFTER",
          "LOG_MAX_BYTES",
          "LOG_BACKUPS",
          "ACCESS_LOG_JSON",
          "FORCE_HTTPS",
          "HSTS_MAX_AGE",
          "SEMPTIFY_TRUST_PROXY",
          "SEMPTIFY_PUBLIC_URL",
          "SEMPTIFY_MAX_UPLOAD_MB",
          "SEMPTIFY_USER_QUOTA_MB",
          "SEMPTIFY_REGISTER_RATE_MAX",
          "SEMPTIFY_REGISTER_RATE_WINDOW",
          "SEMPTIFY_AUTH_FAIL_MAX",
          "SEMPTIFY_AUTH_FAIL_WINDOW",
          "SEMPTIFY_MAX_CONCURRENT_UPLOADS",
          "SEMPTIFY_MIN_UPLOAD_BYTES_PER_SECOND",
          "SEMPTIFY_STORE",
          "SEMPTIFY_DATABASE_URL",
          "SEMPTIFY_DATABASE_USER",
          "SEMPTIFY_DATABASE_PASSWORD",
          "SEMPTIFY_DATABASE_WAIT",
          "SEMPTIFY_BLOB_STORE",
          "SEMPTIFY_S3_ENDPOINT",
          "SEMPTIFY_S3_BUCKET",
          "SEMPTIFY_S3_REGION",
          "SEMPTIFY_S3_PATH_STYLE",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_REGION",
          "SEMPTIFY_DATABASE_POOL");

  static final long DEFAULT_LOG_MAX_BYTES = 10L * 1024 * 1024;
  private static final long MIB = 1024L * 1024;

  private final Map<String, String> env;

  private SettingsLoader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * @param environment the process environment
   * @param workingDirectory the default data root
   */
  public static Settings load(Map<String, String> environment, Path workingDirectory) {
    String root = blankToNull(environment.get("SEMPTIFY_DATA_ROOT"));
    Path dataRoot = (root == null ? workingDirectory : Path.of(root)).toAbsolutePath().normalize();
    Map<String, String> merged =
        new HashMap<>(EnvFile.read(dataRoot.resolve("security/render.env")));
    merged.putAll(environment); // the real environment always wins over the file
    return new SettingsLoader(merged).parse(dataRoot);
  }

  private Settings parse(Path dataRoot) {
    int window = integer("ADMIN_RATE_WINDOW", 60, 1, Integer.MAX_VALUE);
    AdminRateSettings rate =
        new AdminRateSettings(
            window,
            integer("ADMIN_RATE_MAX", 60, Integer.MIN_VALUE, Integer.MAX_VALUE),
            integer("ADMIN_RATE_STATUS", 429, 400, 599),
            integer("ADMIN_RATE_RETRY_AFTER", window, 0, Integer.MAX_VALUE));
    return new Settings(
        dataRoot,
        text("SEMPTIFY_HOST", "127.0.0.1"),
        port(),
        securityMode(),
        bool("SEMPTIFY_ALLOW_OPEN_PUBLIC", false),
        secret("SEMPTIFY_SECRET").or(() -> secret("FLASK_SECRET")),
        adminToken(),
        rate,
        longValue("LOG_MAX_BYTES", DEFAULT_LOG_MAX_BYTES, 1024, Long.MAX_VALUE),
        integer("LOG_BACKUPS", 5, 0, 1000),
        bool("ACCESS_LOG_JSON", false),
        bool("FORCE_HTTPS", false),
        longValue("HSTS_MAX_AGE", 31_536_000L, 0, Long.MAX_VALUE),
        integer("SEMPTIFY_TRUST_PROXY", 0, 0, 32),
        new VaultSettings(
            longValue("SEMPTIFY_MAX_UPLOAD_MB", 200, 1, 1024 * 1024) * MIB,
            longValue("SEMPTIFY_USER_QUOTA_MB", 2048, 1, 1024L * 1024 * 1024) * MIB,
            integer("SEMPTIFY_REGISTER_RATE_MAX", 20, Integer.MIN_VALUE, Integer.MAX_VALUE),
            integer("SEMPTIFY_REGISTER_RATE_WINDOW", 3600, 1, Integer.MAX_VALUE),
            integer("SEMPTIFY_AUTH_FAIL_MAX", 20, Integer.MIN_VALUE, Integer.MAX_VALUE),
            integer("SEMPTIFY_AUTH_FAIL_WINDOW", 300, 1, Integer.MAX_VALUE)),
        new SlowClientSettings(
            integer("SEMPTIFY_MAX_CONCURRENT_UPLOADS", 64, 1, 200),
            longValue("SEMPTIFY_MIN_UPLOAD_BYTES_PER_SECOND", 1024, 0, Long.MAX_VALUE),
            30,
            30),
        publicUrl(),
        store(),
        blobStore());
  }

  /**
   * {@code SEMPTIFY_STORE} ({@code file} or {@code postgres}) and, for {@code postgres}, the
   * database: {@code SEMPTIFY_DATABASE_URL} (required), {@code SEMPTIFY_DATABASE_USER} and {@code
   * SEMPTIFY_DATABASE_PASSWORD} (they win over credentials in the URL), {@code
   * SEMPTIFY_DATABASE_WAIT} and {@code SEMPTIFY_DATABASE_POOL} (2 to 200 connections per node), and
   * {@code SEMPTIFY_SECRET} (required: every node must share it). No message repeats a URL, user or
   * password.
   */
  private StoreSettings store() {
    String value = blankToNull(env.get("SEMPTIFY_STORE"));
    StoreKind kind =
        value == null
            ? StoreKind.FILE
            : StoreKind.parse(value)
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "SEMPTIFY_STORE must be 'file' or 'postgres' (got '" + value + "')"));
    if (kind == StoreKind.FILE) {
      return StoreSettings.files();
    }
    String url = blankToNull(env.get(DatabaseUrl.VARIABLE));
    if (url == null) {
      throw new ConfigException(
          "SEMPTIFY_DATABASE_URL must be set when SEMPTIFY_STORE=postgres, for example"
              + " jdbc:postgresql://db:5432/semptify or postgres://user:password@db/semptify");
    }
    if (secret("SEMPTIFY_SECRET").or(() -> secret("FLASK_SECRET")).isEmpty()) {
      throw new ConfigException(
          "SEMPTIFY_SECRET must be set when SEMPTIFY_STORE=postgres (the same long random value"
              + " on every node: it signs sessions and encrypts the keys kept in the database)");
    }
    DatabaseUrl.Parsed parsed = DatabaseUrl.parse(url);
    String explicitUser = blankToNull(env.get("SEMPTIFY_DATABASE_USER"));
    String explicitPassword = env.get("SEMPTIFY_DATABASE_PASSWORD");
    boolean credentialsFromVariables = explicitUser != null || explicitPassword != null;
    return new StoreSettings(
        kind,
        Optional.of(
            new DatabaseSettings(
                parsed.jdbcUrl(),
                explicitUser != null ? Optional.of(explicitUser) : parsed.user(),
                explicitPassword != null && !explicitPassword.isEmpty()
                    ? Optional.of(Secret.ofUtf8(explicitPassword))
                    : parsed.password().map(Secret::ofUtf8),
                credentialsFromVariables
                    ? "SEMPTIFY_DATABASE_USER/SEMPTIFY_DATABASE_PASSWORD"
                    : DatabaseUrl.VARIABLE,
                integer("SEMPTIFY_DATABASE_WAIT", 30, 0, 600),
                integer("SEMPTIFY_DATABASE_POOL", DatabaseSettings.DEFAULT_POOL_SIZE, 2, 200))));
  }

  /**
   * {@code SEMPTIFY_BLOB_STORE} and, for {@code s3}, the bucket's variables. Credentials come from
   * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (both or neither), else the SDK's
   * default chain. Reaching the bucket is checked when the server starts.
   */
  private BlobStoreSettings blobStore() {
    String kind = text("SEMPTIFY_BLOB_STORE", "file").toLowerCase(Locale.ROOT);
    if (kind.equals("file")) {
      return BlobStoreSettings.files();
    }
    if (!kind.equals("s3")) {
      throw new ConfigException("SEMPTIFY_BLOB_STORE must be 'file' or 's3' (got '" + kind + "')");
    }
    String bucket = blankToNull(env.get("SEMPTIFY_S3_BUCKET"));
    if (bucket == null) {
      throw new ConfigException("SEMPTIFY_S3_BUCKET must be set when SEMPTIFY_BLOB_STORE is s3");
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new ConfigException(
          "SEMPTIFY_S3_BUCKET must be a bucket name: 3 to 63 lower-case letters, digits, dots"
              + " and hyphens (got '"
              + bucket
              + "')");
    }
    String region = text("SEMPTIFY_S3_REGION", text("AWS_REGION", "us-east-1"));
    if (!region.matches("[a-z0-9-]{1,64}")) {
      throw new ConfigException(
          "SEMPTIFY_S3_REGION must be a region name such as us-east-1 (got '" + region + "')");
    }
    Optional<String> accessKeyId = Optional.ofNullable(blankToNull(env.get("AWS_ACCESS_KEY_ID")));
    Optional<Secret> secretAccessKey = secret("AWS_SECRET_ACCESS_KEY");
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
      throw new ConfigException(
          "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (or neither, for the"
              + " default credentials chain)");
    }
    return new BlobStoreSettings(
        BlobStoreSettings.Kind.S3,
        s3Endpoint(),
        bucket,
        region,
        bool("SEMPTIFY_S3_PATH_STYLE", false),
        accessKeyId,
        secretAccessKey,
        secret("AWS_SESSION_TOKEN"));
  }

  /** {@code SEMPTIFY_S3_ENDPOINT}: {@code http(s)://host[:port]}, nothing else. */
  private Optional<java.net.URI> s3Endpoint() {
    String value = blankToNull(env.get("SEMPTIFY_S3_ENDPOINT"));
    if (value == null) {
      return Optional.empty();
    }
    try {
      java.net.URI uri = new java.net.URI(value.replaceAll("/+$", ""));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
        return Optional.of(uri);
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new ConfigException(
        "SEMPTIFY_S3_ENDPOINT must be http(s)://host[:port] with nothing after it, for example"
            + " https://s3.example.org (got '"
            + value
            + "')");
  }

  /**
   * {@code SEMPTIFY_PUBLIC_URL}: an absolute {@code http(s)://host[:port][/path]} with no query,
   * fragment or user info; kept without its trailing slash.
   */
  private Optional<String> publicUrl() {
    String value = blankToNull(env.get("SEMPTIFY_PUBLIC_URL"));
    if (value == null) {
      return Optional.empty();
    }
    String problem = null;
    try {
      java.net.URI uri = new java.net.URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        problem = "must start with https:// or http://";
      } else if (uri.getHost() == null || uri.getRawUserInfo() != null) {
        problem = "must name a host (and no user name)";
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problem = "must not have a query or a fragment";
      }
    } catch (java.net.URISyntaxException e) {
      problem = "is not a valid URL";
    }
    if (problem != null) {
      throw new ConfigException(
          "SEMPTIFY_PUBLIC_URL "
              + problem
              + ", for example https://semptify.example.org (got '"
              + value
              + "')");
    }
    return Optional.of(value.replaceAll("/+$", ""));
  }

  private int port() {
    String name = blankToNull(env.get("SEMPTIFY_PORT")) != null ? "SEMPTIFY_PORT" : "PORT";
    return integer(name, 8080, 0, 65_535);
  }

  private SecurityMode securityMode() {
    String value = blankToNull(env.get("SECURITY_MODE"));
    if (value == null) {
      return SecurityMode.ENFORCED;
    }
    return SecurityMode.parse(value)
        .orElseThrow(
            () ->
                new ConfigException(
                    "SECURITY_MODE must be 'enforced' or 'open' (got '" + value + "')"));
  }

  private String text(String name, String fallback) {
    String value = blankToNull(env.get(name));
    return value == null ? fallback : value;
  }

  private Optional<Secret> secret(String name) {
    String value = blankToNull(env.get(name));
    return value == null ? Optional.empty() : Optional.of(Secret.ofUtf8(value));
  }

  /**
   * The legacy {@code ADMIN_TOKEN}, refused when it is short, a known default, or made of a few
   * characters repeated. The message never repeats the value.
   */
  private Optional<Secret> adminToken() {
    String value = blankToNull(env.get("ADMIN_TOKEN"));
    if (value == null) {
      return Optional.empty();
    }
    Optional<String> weakness = TokenStrength.weakness(value);
    if (weakness.isPresent()) {
      throw new ConfigException(
          "ADMIN_TOKEN is too weak ("
              + weakness.get()
              + "): unset it and create tokens with 'semptify admin-token create', or set it to"
              + " at least "
              + TokenStrength.MIN_LENGTH
              + " random characters (openssl rand -base64 32)");
    }
    return Optional.of(Secret.ofUtf8(value));
  }

  private int integer(String name, int fallback, int min, int max) {
    return (int) longValue(name, fallback, min, max);
  }

  private long longValue(String name, long fallback, long min, long max) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(
          name + " must be a whole number" + range(min, max) + " (got '" + value + "')");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(
          name + " must be a whole number" + range(min, max) + " (got " + parsed + ")");
    }
    return parsed;
  }

  private static String range(long min, long max) {
    if (min == Integer.MIN_VALUE || min == Long.MIN_VALUE) {
      return "";
    }
    if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
      return " >= " + min;
    }
    return " from " + min + " to " + max;
  }

  private boolean bool(String name, boolean fallback) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      return fallback;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on":
        return true;
      case "0", "false", "no", "off":
        return false;
      default:
        throw new ConfigException(
            name + " must be one of 1/0, true/false, yes/no, on/off (got '" + value + "')");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
