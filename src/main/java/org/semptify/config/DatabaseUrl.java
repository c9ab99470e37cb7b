package org.semptify.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code SEMPTIFY_DATABASE_URL}: a JDBC URL ({@code jdbc:postgresql://db:5432/semptify}) as
 * it is, or the {@code postgres://user:pass@host:port/db?sslmode=require} form hosting platforms
 * hand out, turned into a JDBC URL with the user and password taken out. Messages never repeat the
 * value: it may hold a password.
 */
final class DatabaseUrl {
  static final String VARIABLE = "SEMPTIFY_DATABASE_URL";

  /** The JDBC URL and the credentials the URL carried, if any. */
  record Parsed(String jdbcUrl, Optional<String> user, Optional<String> password) {
    @Override
    public String toString() {
      return "Parsed[redacted]";
    }
  }

  private DatabaseUrl() {}

  static Parsed parse(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      if (!lower.startsWith("jdbc:postgresql://")
          || value.length() <= "jdbc:postgresql://".length()) {
        throw invalid("must name a host, like jdbc:postgresql://db:5432/semptify");
      }
      return new Parsed(value, Optional.empty(), Optional.empty());
    }
    if (!lower.startsWith("postgres://") && !lower.startsWith("postgresql://")) {
      throw invalid(
          "must start with jdbc:postgresql:// or postgres:// (for example"
              + " jdbc:postgresql://db:5432/semptify)");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid("is not a valid URL");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid("must name a host, like postgres://user:password@db:5432/semptify");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.length() <= 1) {
      throw invalid("must name a database, like postgres://user:password@db:5432/semptify");
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://");
    jdbc.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
    if (uri.getPort() != -1) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(path);
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      if (!rawUser.isEmpty()) {
        user = Optional.of(decode(rawUser));
      }
      if (colon >= 0) {
        password = Optional.of(decode(userInfo.substring(colon + 1)));
      }
    }
    return new Parsed(jdbc.toString(), user, password);
  }

  private static String decode(String part) {
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("has a user or password that is not valid URL encoding");
    }
  }

  private static ConfigException invalid(String problem) {
    return new ConfigException(VARIABLE + " " + problem + " (the value is not repeated here)");
  }
}
