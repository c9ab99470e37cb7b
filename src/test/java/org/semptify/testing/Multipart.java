package org.semptify.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds multipart/form-data bodies for upload tests. */
public final class Multipart {
  private final String boundary = "----semptify-test-" + UUID.randomUUID();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  public Multipart field(String name, String value) {
    write(
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n");
    return this;
  }

  public Multipart file(String name, String filename, byte[] content) {
    write(
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + filename
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(content);
    write("\r\n");
    return this;
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(body.toByteArray());
    copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return copy.toByteArray();
  }

  private void write(String text) {
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes on {@code out} the start of {@code POST /api/vault} for a file of {@code fileMiB} MiB
   * and sends only its first {@code sentMiB} MiB: an upload left in flight, for tests that kill the
   * server or cut the connection in the middle of one.
   */
  public static void startUpload(java.io.OutputStream out, String token, int fileMiB, int sentMiB)
      throws java.io.IOException {
    String boundary = "----killed";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"video.mp4\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    long total = head.length + fileMiB * 1024L * 1024 + boundary.length() + 8;
    out.write(
        ("POST /api/vault HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User-Token: "
                + token
                + "\r\nContent-Type: multipart/form-data; boundary="
                + boundary
                + "\r\nContent-Length: "
                + total
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(head);
    byte[] chunk = new byte[1024 * 1024];
    for (int i = 0; i < sentMiB; i++) {
      java.util.Arrays.fill(chunk, (byte) i);
      out.write(chunk);
    }
    out.flush();
  }
}
