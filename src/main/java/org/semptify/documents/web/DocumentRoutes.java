package org.semptify.documents.web;

import io.javalin.http.Context;
import org.semptify.documents.TenantForm;
import org.semptify.web.RouteTable;

/** The resources hub, downloads, and each tenant form's page, preview and save. */
public final class DocumentRoutes {
  private final DocumentHandlers documents;
  private final ResourceHandlers resources;

  public DocumentRoutes(DocumentHandlers documents, ResourceHandlers resources) {
    this.documents = documents;
    this.resources = resources;
  }

  public void register(RouteTable routes) {
    routes.get("/resources", resources::hub);
    routes.get("/resources/download/{name}", resources::download);
    routes.get("/know-your-rights", resources::knowYourRights);
    for (TenantForm form : documents.forms()) {
      String path = "/resources/" + form.name();
      routes.get(path, ctx -> documents.form(ctx, form));
      routes.post(path + "_preview", ctx -> documents.preview(ctx, form));
      routes.post(path + "_save", ctx -> documents.save(ctx, form));
    }
  }

  /** A form saved without a vault session (its own CSRF rules: see {@link DocumentHandlers}). */
  public boolean isAnonymousSave(Context ctx) {
    return documents.isAnonymousSave(ctx);
  }
}
