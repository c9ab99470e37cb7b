package org.semptify.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A minimal HTTP/1.0 client for the large transfers of scenario 4. The JDK's HttpClient copies a
 * request body through its own buffers and threads, and on two cores it became the bottleneck the
 * upload figure measured; this one sends the file with {@code sendfile} (FileChannel.transferTo)
 * and counts the response body into one reused buffer, so the figure is the server's.
 */
final class RawHttp {
  /** The status, the response headers as text, the body's length and its first 64 KiB. */
  record Response(int status, String headers, long bodyBytes, String bodyStart) {}

  private RawHttp() {}

  /** POSTs {@code head}, the file's bytes, then {@code tail} as one body. */
  static Response post(
      int port, String path, Map<String, String> headers, byte[] head, Path file, byte[] tail)
      throws IOException {
    try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        FileChannel content = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = head.length + content.size() + tail.length;
      writeFully(socket, requestHead("POST", path, headers, length));
      writeFully(socket, head);
      for (long sent = 0; sent < content.size(); ) {
        sent += content.transferTo(sent, content.size() - sent, socket);
      }
      writeFully(socket, tail);
      return read(socket);
    }
  }

  static Response get(int port, String path, Map<String, String> headers) throws IOException {
    try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
      writeFully(socket, requestHead("GET", path, headers, -1));
      return read(socket);
    }
  }

  private static byte[] requestHead(
      String method, String path, Map<String, String> headers, long contentLength) {
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (contentLength >= 0) {
      head.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void writeFully(SocketChannel socket, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      socket.write(buffer);
    }
  }

  /** HTTP/1.0 with Connection: close: the body runs to the end of the connection. */
  private static Response read(SocketChannel socket) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    ByteArrayOutputStream start = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 20];
    long total = 0;
    int headerEnd = -1;
    while (socket.read(buffer) >= 0) {
      buffer.flip();
      int n = buffer.remaining();
      if (start.size() < (1 << 16) || headerEnd < 0) {
        buffer.get(chunk, 0, n);
        start.write(chunk, 0, Math.min(n, (1 << 16) + 8192));
        if (headerEnd < 0) {
          headerEnd = start.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        }
      }
      total += n;
      buffer.clear();
    }
    String text = start.toString(StandardCharsets.ISO_8859_1);
    if (headerEnd < 0 || !text.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response");
    }
    String headers = text.substring(0, headerEnd);
    int status = Integer.parseInt(headers.substring(9, 12));
    long bodyBytes = total - headerEnd - 4;
    String bodyStart =
        new String(
            start.toByteArray(),
            headerEnd + 4,
            Math.min(start.size() - headerEnd - 4, 1 << 16),
            StandardCharsets.UTF_8);
    return new Response(status, headers, bodyBytes, bodyStart);
  }
}
