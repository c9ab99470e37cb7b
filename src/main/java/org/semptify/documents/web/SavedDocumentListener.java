package org.semptify.documents.web;

import io.javalin.http.Context;
import java.io.IOException;
import org.semptify.documents.DocumentSaver;
import org.semptify.documents.TenantForm;
import org.semptify.vault.Vault;

/** Told when a signed form has been saved (the records feature adds a linked logbook entry). */
public interface SavedDocumentListener {
  void saved(Context ctx, Vault vault, TenantForm form, DocumentSaver.Saved saved, String date)
      throws IOException;
}
