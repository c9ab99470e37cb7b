package org.semptify.documents.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.semptify.documents.TenantForm;
import org.semptify.web.Pages;

/**
 * {@code GET /resources} (the hub of tools and templates), the blank templates to download, and
 * {@code GET /know-your-rights}.
 */
public final class ResourceHandlers {
  /** The blank templates, by the name in their URL; nothing else is ever served from there. */
  public static final List<String> DOWNLOADS =
      List.of("witness_statement.txt", "filing_packet_checklist.txt", "filing_packet_timeline.txt");

  private final List<TenantForm> forms;
  private final Pages pages;

  public ResourceHandlers(List<TenantForm> forms, Pages pages) {
    this.forms = forms;
    this.pages = pages;
  }

  public void hub(Context ctx) {
    pages.render(ctx, "resources.jte", Map.of("forms", forms, "downloads", DOWNLOADS));
  }

  public void knowYourRights(Context ctx) {
    pages.render(ctx, "know_your_rights.jte", Map.of());
  }

  /** {@code GET /resources/download/{name}}: a blank template as text/plain; others are 404. */
  public void download(Context ctx) {
    String name = ctx.pathParam("name");
    if (!DOWNLOADS.contains(name)) {
      throw new NotFoundResponse("no such template");
    }
    // The blank template in the visitor's language, else the English one.
    String language = pages.translator(ctx).language().code();
    InputStream translated =
        ResourceHandlers.class.getResourceAsStream("/downloads/" + language + "/" + name);
    try (InputStream in =
        translated != null
            ? translated
            : ResourceHandlers.class.getResourceAsStream("/downloads/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the template " + name + " is missing from the build");
      }
      ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
      ctx.contentType("text/plain; charset=utf-8").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
