package org.semptify.vault.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /** One received file of several: pending, not yet committed, and the name it was sent with. */
  public record ReceivedFile(Vault.PendingBlob blob, String originalName) {}

  /** Every file of a multi-file upload, in the order sent, and the form's text fields. */
  public record Batch(List<ReceivedFile> files, Map<String, String> fields) {}

  /**
   * Every non-empty {@code file} part (the camera, the recorder and a multiple selection from the
   * gallery all send one), each streamed into its own pending blob; none when no file was chosen
   * (the caller says what to do then).
   */
  public Batch receiveAll(Context ctx, Vault vault, long maxUploadBytes, long quotaBytes)
      throws IOException {
    return read(ctx, vault, maxUploadBytes, quotaBytes, MAX_PARTS);
  }

  /** What a program is told when an upload holds no file. */
  public static BadRequestResponse fileRequired() {
    return new BadRequestResponse(
        "file is required: send the document in a multipart field named 'file'");
  }

  public Received receive(Context ctx, Vault vault, long maxUploadBytes, long quotaBytes)
      throws IOException {
    Received received = receiveOptional(ctx, vault, maxUploadBytes, quotaBytes);
    if (received.blob() == null) {
      throw fileRequired();
    }
    return received;
  }

  /**
   * Like {@link #receive}, for forms where the file is optional: the blob is null when no file was
   * chosen (browsers send an empty, nameless file part then).
   */
  public Received receiveOptional(Context ctx, Vault vault, long maxUploadBytes, long quotaBytes)
      throws IOException {
    Batch batch = read(ctx, vault, maxUploadBytes, quotaBytes, 1);
    ReceivedFile file = batch.files().isEmpty() ? null : batch.files().get(0);
    return new Received(
        file == null ? null : file.blob(),
        file == null ? null : file.originalName(),
        batch.fields());
  }

  /** Reads the body: up to {@code maxFiles} files (later ones are skipped) and the fields. */
  private Batch read(Context ctx, Vault vault, long maxUploadBytes, long quotaBytes, int maxFiles)
      throws IOException {
    String boundary =
        MultipartReader.boundary(ctx.contentType())
            .orElseThrow(
                () ->
                    new BadRequestResponse(
                        "expected a multipart/form-data upload with a 'file' field"));
    Map<String, String> fields = new HashMap<>();
    List<ReceivedFile> files = new ArrayList<>();
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
        } else if ("file".equals(part.name())
            && files.size() < maxFiles
            && !part.filename().isEmpty()) {
          files.add(
              new ReceivedFile(
                  vault.receive(part.content(), maxUploadBytes, quotaBytes), part.filename()));
        }
        // Anything else is skipped by the next call to next().
      }
      if (CsrfFilter.deferred(ctx)) {
        csrf.verifyDeferred(ctx, null, null); // a body without any field
      }
    } catch (MalformedMultipartException e) {
      discardAll(vault, files);
      throw new BadRequestResponse("the upload could not be read as multipart/form-data");
    } catch (IOException | RuntimeException e) {
      discardAll(vault, files);
      throw e;
    }
    return new Batch(List.copyOf(files), fields);
  }

  /** Drops every pending blob of a request that failed. */
  public static void discardAll(Vault vault, List<ReceivedFile> files) throws IOException {
    for (ReceivedFile file : files) {
      vault.discard(file.blob());
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
