package org.semptify.vault.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.semptify.security.web.CsrfFilter;
import org.semptify.vault.Vault;
import org.semptify.web.MalformedMultipartException;
import org.semptify.web.MultipartReader;

/**
 * Reads a multipart upload as a stream: the {@code file} part goes straight into a pending,
 * encrypted blob; small text fields ({@code description}, {@code category}, {@code event_date},
 * {@code csrf_token}) are collected wherever they appear. A deferred CSRF check is completed with
 * the body's first part, which must then be the {@code csrf_token} field: nothing after it is read
 * (let alone stored) unless the token is valid.
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
    String boundary =
        MultipartReader.boundary(ctx.contentType())
            .orElseThrow(
                () ->
                    new BadRequestResponse(
                        "expected a multipart/form-data upload with a 'file' field"));
    Map<String, String> fields = new HashMap<>();
    Vault.PendingBlob blob = null;
    String originalName = null;
    try {
      MultipartReader parts = new MultipartReader(ctx.req().getInputStream(), boundary);
      int count = 0;
      for (MultipartReader.Part part = parts.next(); part != null; part = parts.next()) {
        if (++count > MAX_PARTS) {
          throw new MalformedMultipartException("more than " + MAX_PARTS + " parts");
        }
        if (!part.isFile()) {
          if (part.name() != null) {
            fields.putIfAbsent(part.name(), readField(part.content()));
          }
          if (CsrfFilter.deferred(ctx)) {
            // The first field carries the token; nothing after it is read unless it is valid.
            csrf.verifyDeferred(ctx, part.name(), fields.get(CsrfFilter.FIELD));
          }
        } else if (CsrfFilter.deferred(ctx)) {
          csrf.verifyDeferred(ctx, null, null); // a file before the token
        } else if ("file".equals(part.name()) && blob == null && !part.filename().isEmpty()) {
          originalName = part.filename();
          blob = vault.receive(part.content(), maxUploadBytes, quotaBytes);
        }
        // Anything else is skipped by the next call to next().
      }
      if (CsrfFilter.deferred(ctx)) {
        csrf.verifyDeferred(ctx, null, null); // a body without any field
      }
    } catch (MalformedMultipartException e) {
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
