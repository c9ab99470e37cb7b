package org.semptify.vault;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.semptify.auth.CsrfFilter;

/**
 * Reads a multipart upload as a stream: the {@code file} part goes straight into a pending,
 * encrypted blob; small text fields ({@code description}, {@code category}, {@code event_date},
 * {@code csrf_token}) are collected wherever they appear. A deferred CSRF check is completed before
 * the caller can commit anything.
 */
public final class UploadReceiver {
  static final int MAX_FIELD_BYTES = 16 * 1024;
  static final int MAX_PARTS = 32;

  private final CsrfFilter csrf;

  public UploadReceiver(CsrfFilter csrf) {
    this.csrf = csrf;
  }

  /** The received file (pending, not yet committed) and the form's text fields. */
  public record Received(Vault.PendingBlob blob, String originalName, Map<String, String> fields) {}

  public Received receive(Context ctx, Vault vault, long maxUploadBytes, long quotaBytes)
      throws IOException {
    Received received = receiveOptional(ctx, vault, maxUploadBytes, quotaBytes);
    if (received.blob() == null) {
      throw new BadRequestResponse(
          "file is required: send the document in a multipart field named 'file'");
    }
    return received;
  }

  /**
   * Like {@link #receive}, for forms where the file is optional: the blob is null when no file was
   * chosen (browsers send an empty, nameless file part then).
   */
  public Received receiveOptional(Context ctx, Vault vault, long maxUploadBytes, long quotaBytes)
      throws IOException {
    if (!JakartaServletFileUpload.isMultipartContent(ctx.req())) {
      throw new BadRequestResponse("expected a multipart/form-data upload with a 'file' field");
    }
    JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
    upload.setFileCountMax(MAX_PARTS);
    Map<String, String> fields = new HashMap<>();
    Vault.PendingBlob blob = null;
    String originalName = null;
    try {
      FileItemInputIterator parts = upload.getItemIterator(ctx.req());
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        if (part.isFormField()) {
          fields.putIfAbsent(part.getFieldName(), readField(part.getInputStream()));
        } else if ("file".equals(part.getFieldName())
            && blob == null
            && part.getName() != null
            && !part.getName().isEmpty()) {
          originalName = part.getName();
          try (InputStream content = part.getInputStream()) {
            blob = vault.receive(content, maxUploadBytes, quotaBytes);
          }
        } else {
          part.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
      if (CsrfFilter.deferred(ctx)) {
        csrf.verifyDeferred(ctx, fields.get(CsrfFilter.FIELD));
      }
    } catch (FileUploadException e) {
      discard(vault, blob);
      throw new BadRequestResponse("the upload could not be read as multipart/form-data");
    } catch (IOException | RuntimeException e) {
      discard(vault, blob);
      throw e;
    }
    return new Received(blob, originalName, fields);
  }

  private static void discard(Vault vault, Vault.PendingBlob blob) throws IOException {
    if (blob != null) {
      vault.discard(blob);
    }
  }

  private static String readField(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
    if (bytes.length > MAX_FIELD_BYTES) {
      throw new BadRequestResponse("a form field is longer than " + MAX_FIELD_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
