package org.semptify.app;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.semptify.web.ResponseBody;

/**
 * {@code GET /static/<path>}: the style sheet, scripts, icons and offline pages in the jar's {@code
 * static/} folder, each read once through the class loader and then answered from memory with a
 * content-derived {@code ETag} ({@code If-None-Match} gets a 304).
 *
 * <p>Why not Javalin's static-file handler: on a class-path location it opens the whole jar (more
 * than 20,000 entries) as a zip file system, several times over, and keeps their indexes for the
 * life of the server: about 15 MB of live heap for under 100 KB of assets. The class loader has the
 * jar open already.
 */
final class StaticAssets {
  static final String ROUTE = "/static/<path>";

  /** Assets are the only responses that may be cached (an hour; the service worker keeps them). */
  static final String CACHE_CONTROL = "public, max-age=3600";

  /** The types of what {@code static/} holds; anything else there is not served. */
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "html", "text/html; charset=utf-8",
          "png", "image/png");

  private final ClassLoader loader;
  private final String folder;
  private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

  StaticAssets() {
    this(StaticAssets.class.getClassLoader(), "static/");
  }

  /** Assets under {@code folder} (ending in a slash) of {@code loader}'s resources. */
  StaticAssets(ClassLoader loader, String folder) {
    this.loader = loader;
    this.folder = folder;
  }

  void serve(Context ctx) {
    Optional<Asset> found = find(ctx.pathParam("path"));
    if (found.isEmpty()) {
      throw new NotFoundResponse(); // not cached: the pipeline's no-store stands
    }
    Asset asset = found.get();
    ctx.header("Cache-Control", CACHE_CONTROL);
    // Compressed or not by the client's Accept-Encoding: a cache keeps the two apart, and the tag
    // is weak, as it names the content, not the bytes of either encoding.
    ctx.header("Vary", "Accept-Encoding");
    ctx.header("ETag", asset.etag());
    if (matches(ctx.header("If-None-Match"), asset.etag())) {
      // A cache copies a 304's headers onto what it stored: the type must stay the asset's.
      ctx.contentType(asset.contentType());
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    asset.send(ctx);
  }

  /**
   * The asset at {@code path}, loaded on first use; misses are not remembered, so that requests for
   * made-up names cannot fill the memory.
   */
  Optional<Asset> find(String path) {
    Asset known = loaded.get(path);
    if (known != null) {
      return Optional.of(known);
    }
    if (!isSafe(path)) {
      return Optional.empty();
    }
    String type = CONTENT_TYPES.get(path.substring(path.lastIndexOf('.') + 1));
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = loader.getResourceAsStream(folder + path)) {
      if (in == null) {
        return Optional.empty();
      }
      Asset asset = new Asset(in.readAllBytes(), type);
      Asset raced = loaded.putIfAbsent(path, asset);
      return Optional.of(raced == null ? asset : raced);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the static asset " + path, e);
    }
  }

  /**
   * Folders and a file name with an extension, in letters, digits, {@code _} and {@code -}: no
   * empty or dot segment, no directory, nothing encoded. (A plain scan rather than a regular
   * expression: its cost is linear whatever the input.)
   */
  static boolean isSafe(String path) {
    int segmentStart = 0;
    int lastDot = -1;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/') {
        if (i == segmentStart || lastDot >= segmentStart) {
          return false; // an empty segment, or a folder name with a dot
        }
        segmentStart = i + 1;
      } else if (c == '.') {
        if (i == segmentStart || lastDot >= segmentStart) {
          return false; // a dot first in a name, or a second dot
        }
        lastDot = i;
      } else if (!isNameCharacter(c)) {
        return false;
      }
    }
    // The file name: something before its one dot, and an extension after it.
    return lastDot > segmentStart && lastDot < path.length() - 1;
  }

  private static boolean isNameCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  /** {@code If-None-Match}: a list of tags, or {@code *}; the weak comparison of RFC 9110. */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /** An asset's bytes, its content type and a weak tag derived from the bytes. */
  static final class Asset {
    private final byte[] body;
    private final String contentType;
    private final String etag;

    Asset(byte[] body, String contentType) {
      this.body = body.clone();
      this.contentType = contentType;
      this.etag = etagOf(body);
    }

    int length() {
      return body.length;
    }

    String contentType() {
      return contentType;
    }

    String etag() {
      return etag;
    }

    private void send(Context ctx) {
      ResponseBody.send(ctx, contentType, body);
    }

    private static String etagOf(byte[] body) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
        return "W/\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12))
            + '"';
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
    }
  }
}
