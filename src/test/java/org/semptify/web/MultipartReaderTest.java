package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
  private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

  /** What a part held, read whole. */
  private record Read(String name, String filename, String contentType, byte[] content) {}

  @Test
  void readsFieldsAndFilesByteForByteWhateverTheChunking() throws IOException {
    byte[] file = new byte[700_000];
    new Random(7).nextBytes(file);
    // Near misses of the delimiter inside the content must stay content.
    byte[] nearMiss =
        ("\r\n--" + BOUNDARY.substring(0, 20) + "\r\n--").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(nearMiss, 0, file, 300_000, nearMiss.length);
    byte[] body =
        concat(
            part("Content-Disposition: form-data; name=\"description\"", "rent receipt"),
            part(
                "Content-Disposition: form-data; name=\"file\"; filename=\"r\u00e9\u00e7u.pdf\"\r\n"
                    + "Content-Type: application/pdf",
                file),
            close());
    for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
      List<Read> parts = readAll(new Chunked(body, chunk), BOUNDARY);
      assertThat(parts).hasSize(2);
      assertThat(parts.get(0).name()).isEqualTo("description");
      assertThat(parts.get(0).filename()).isNull();
      assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8))
          .isEqualTo("rent receipt");
      assertThat(parts.get(1).filename()).isEqualTo("r\u00e9\u00e7u.pdf");
      assertThat(parts.get(1).contentType()).isEqualTo("application/pdf");
      assertThat(parts.get(1).content()).isEqualTo(file);
    }
  }

  @Test
  void skipsPreambleEpilogueAndUnreadParts() throws IOException {
    byte[] body =
        concat(
            "this is a preamble\r\n".getBytes(StandardCharsets.US_ASCII),
            part("Content-Disposition: form-data; name=\"skipped\"", "x".repeat(100_000)),
            part("Content-Disposition: form-data; name=\"kept\"", ""),
            close(),
            "epilogue".getBytes(StandardCharsets.US_ASCII));
    MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
    assertThat(reader.next().name()).isEqualTo("skipped");
    MultipartReader.Part kept = reader.next();
    assertThat(kept.name()).isEqualTo("kept");
    assertThat(kept.content().readAllBytes()).isEmpty();
    assertThat(reader.next()).isNull();
    assertThat(reader.next()).isNull();
  }

  @Test
  void anEmptyFileInputIsAFileWithAnEmptyName() throws IOException {
    byte[] body =
        concat(
            part(
                "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                    + "Content-Type: application/octet-stream",
                ""),
            close());
    Read read = readAll(new ByteArrayInputStream(body), BOUNDARY).get(0);
    assertThat(read.filename()).isEmpty();
    assertThat(read.content()).isEmpty();
  }

  @Test
  void fileNamesKeepBackslashesAndPreferTheExtendedForm() throws IOException {
    byte[] body =
        concat(
            part(
                "Content-Disposition: form-data; name=\"a\"; filename=\"C:\\docs\\lease.pdf\"",
                "1"),
            part(
                "content-disposition: form-data; name=\"b\"; filename=\"fallback.txt\"; "
                    + "filename*=UTF-8''%E6%88%BF%E7%A7%9F.txt",
                "2"),
            part(
                "Content-Disposition: form-data; name=\"c\"; filename=\"say \\\"hi\\\".txt\"", "3"),
            close());
    List<Read> parts = readAll(new ByteArrayInputStream(body), BOUNDARY);
    assertThat(parts.get(0).filename()).isEqualTo("C:\\docs\\lease.pdf");
    assertThat(parts.get(1).filename()).isEqualTo("\u623f\u79df.txt");
    assertThat(parts.get(2).filename()).isEqualTo("say \"hi\".txt");
  }

  @Test
  void aBodyThatEndsInsideAPartIsMalformed() {
    byte[] truncated =
        concat(part("Content-Disposition: form-data; name=\"file\"; filename=\"a\"", "abc"));
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(truncated), BOUNDARY))
        .isInstanceOf(MalformedMultipartException.class);
    byte[] noBoundary = "just some bytes".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(noBoundary), BOUNDARY))
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void oversizedOrNamelessHeadersAreMalformed() {
    byte[] huge =
        concat(part("X-Padding: " + "a".repeat(MultipartReader.MAX_HEADER_BYTES), "x"), close());
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(huge), BOUNDARY))
        .isInstanceOf(MalformedMultipartException.class)
        .hasMessageContaining("too long");
    byte[] nameless = concat(part("no colon here", "x"), close());
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(nameless), BOUNDARY))
        .isInstanceOf(MalformedMultipartException.class);
  }

  @Test
  void findsTheBoundaryOnlyInMultipartFormData() {
    assertThat(MultipartReader.boundary("multipart/form-data; boundary=abc")).contains("abc");
    assertThat(MultipartReader.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""))
        .contains("a b;c");
    assertThat(MultipartReader.boundary("application/x-www-form-urlencoded")).isEmpty();
    assertThat(MultipartReader.boundary("multipart/form-data")).isEmpty();
    assertThat(MultipartReader.boundary("multipart/form-data; boundary=" + "b".repeat(71)))
        .isEmpty();
    assertThat(MultipartReader.boundary(null)).isEmpty();
  }

  /**
   * Large reads (as the upload pipeline makes, 256 KiB at a time) go straight from the body into
   * the caller's array; whatever the chunking, the delimiter is still found where it straddles two
   * reads, near misses stay content, and the parts after the file are read as before.
   */
  @Test
  void largeReadsGoStraightIntoTheCallersArrayAndStillStopAtTheDelimiter() throws IOException {
    byte[] file = new byte[1_000_003];
    new Random(13).nextBytes(file);
    byte[] nearMiss = ("\r\n--" + BOUNDARY.substring(0, 30)).getBytes(StandardCharsets.US_ASCII);
    for (int at : new int[] {0, 65_536 - 5, 262_144 - 20, 500_000}) {
      System.arraycopy(nearMiss, 0, file, at, nearMiss.length);
    }
    // The delimiter can also be the last bytes of the body.
    byte[] body =
        concat(
            part("Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"", file),
            part("Content-Disposition: form-data; name=\"after\"", "still read"),
            close());
    for (int chunk : new int[] {1, 3_000, 65_536, 65_536 + 17, 1 << 22}) {
      List<byte[]> arraysReadInto = new ArrayList<>();
      InputStream recording =
          new Chunked(body, chunk) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
              arraysReadInto.add(b);
              return super.read(b, off, len);
            }
          };
      MultipartReader reader = new MultipartReader(recording, BOUNDARY);
      MultipartReader.Part part = reader.next();
      byte[] chunkBuffer = new byte[256 * 1024];
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (int n = part.content().readNBytes(chunkBuffer, 0, chunkBuffer.length);
          n > 0;
          n = part.content().readNBytes(chunkBuffer, 0, chunkBuffer.length)) {
        content.write(chunkBuffer, 0, n);
      }
      assertThat(content.toByteArray()).as("chunk %d", chunk).isEqualTo(file);
      if (chunk > 1) {
        assertThat(arraysReadInto).as("chunk %d", chunk).contains(chunkBuffer);
      }
      MultipartReader.Part after = reader.next();
      assertThat(after.name()).isEqualTo("after");
      assertThat(new String(after.content().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("still read");
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void aBodyThatEndsInsideAFileIsRefusedOnLargeReadsToo() {
    byte[] file = new byte[300_000];
    new Random(17).nextBytes(file);
    byte[] body = part("Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"", file);
    byte[] truncated = java.util.Arrays.copyOf(body, body.length - 10);
    assertThatThrownBy(
            () -> {
              MultipartReader reader =
                  new MultipartReader(new Chunked(truncated, 65_536), BOUNDARY);
              reader.next().content().readNBytes(1 << 20);
            })
        .isInstanceOf(MalformedMultipartException.class);
  }

  private static List<Read> readAll(InputStream body, String boundary) throws IOException {
    MultipartReader reader = new MultipartReader(body, boundary);
    List<Read> parts = new ArrayList<>();
    for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      byte[] buffer = new byte[1000];
      for (int n = part.content().read(buffer); n >= 0; n = part.content().read(buffer)) {
        content.write(buffer, 0, n);
      }
      parts.add(new Read(part.name(), part.filename(), part.contentType(), content.toByteArray()));
    }
    return parts;
  }

  private static byte[] part(String headers, String content) {
    return part(headers, content.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] part(String headers, byte[] content) {
    return concat(
        ("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8),
        content,
        "\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] close() {
    return ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] piece : pieces) {
      out.writeBytes(piece);
    }
    return out.toByteArray();
  }

  /** Hands out the body at most {@code chunk} bytes per read, as a slow network would. */
  private static class Chunked extends ByteArrayInputStream {
    private final int chunk;

    Chunked(byte[] body, int chunk) {
      super(body);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, chunk));
    }
  }
}
