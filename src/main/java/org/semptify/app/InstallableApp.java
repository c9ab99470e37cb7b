package org.semptify.app;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semptify.i18n.Translator;
import org.semptify.ops.BuildInfo;
import org.semptify.web.Pages;

/**
 * The installable app (a progressive web app): {@code GET /manifest.webmanifest} (name, icons,
 * theme, {@code start_url} {@code /vault}, standalone) and {@code GET /sw.js}, the service worker
 * (served from the root so that its scope is the whole site). The worker keeps only the static
 * assets and the offline page; see {@code static/sw.js}.
 */
final class InstallableApp {
  static final String THEME = "#0b5cad";

  private final Pages pages;
  private final String serviceWorker;

  InstallableApp(Pages pages, BuildInfo build) {
    this.pages = pages;
    // Each build gets its own cache name, so an update replaces the cached assets at once.
    this.serviceWorker =
        resource("/static/sw.js")
            .replace("__SEMPTIFY_VERSION__", build.version() + "-" + build.gitSha());
  }

  /** {@code GET /manifest.webmanifest}, its description in the visitor's language. */
  void manifest(Context ctx) {
    Translator text = pages.translator(ctx);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", "Semptify");
    manifest.put("short_name", "Semptify");
    manifest.put("description", text.t("pwa.description"));
    manifest.put("lang", text.language().code());
    manifest.put("id", "/vault");
    manifest.put("start_url", "/vault");
    manifest.put("scope", "/");
    manifest.put("display", "standalone");
    manifest.put("orientation", "any");
    manifest.put("background_color", "#ffffff");
    manifest.put("theme_color", THEME);
    manifest.put(
        "icons",
        List.of(
            icon("/static/icons/icon-192.png", "192x192", "any"),
            icon("/static/icons/icon-512.png", "512x512", "any"),
            icon("/static/icons/icon-maskable-512.png", "512x512", "maskable")));
    ctx.contentType("application/manifest+json; charset=utf-8");
    ctx.json(manifest);
    ctx.contentType("application/manifest+json; charset=utf-8");
  }

  /** {@code GET /sw.js}: never cached by the HTTP cache, so that an update is seen at once. */
  void serviceWorker(Context ctx) {
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType("text/javascript; charset=utf-8").result(serviceWorker);
  }

  private static Map<String, String> icon(String src, String sizes, String purpose) {
    Map<String, String> icon = new LinkedHashMap<>();
    icon.put("src", src);
    icon.put("sizes", sizes);
    icon.put("type", "image/png");
    icon.put("purpose", purpose);
    return icon;
  }

  private static String resource(String path) {
    try (InputStream in = InstallableApp.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
