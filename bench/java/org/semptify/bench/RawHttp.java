package org.semptify.bench;

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
  /** The response's first bytes kept (headers and the start of the body); the rest is counted. */
  private static final int KEPT = 128 * 1024;

  /** The status, the response headers as text, the body's length and its start. */
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

  /**
   * HTTP/1.0 with Connection: close: the body runs to the end of the connection. Only the first
   * {@link #KEPT} bytes of the response are kept; the rest is counted.
   */
  private static Response read(SocketChannel socket) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    byte[] kept = new byte[KEPT];
    int keptLength = 0;
    long total = 0;
    while (socket.read(buffer) >= 0) {
      buffer.flip();
      total += buffer.remaining();
      int copy = Math.min(buffer.remaining(), KEPT - keptLength);
      buffer.get(kept, keptLength, copy);
      keptLength += copy;
      buffer.clear();
    }
    String text = new String(kept, 0, keptLength, StandardCharsets.ISO_8859_1);
    int headerEnd = text.indexOf("\r\n\r\n");
    if (headerEnd < 0 || !text.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response");
    }
    String headers = text.substring(0, headerEnd);
    int bodyStart = headerEnd + 4;
    return new Response(
        Integer.parseInt(headers.substring(9, 12)),
        headers,
        total - bodyStart,
        new String(kept, bodyStart, keptLength - bodyStart, StandardCharsets.UTF_8));
  }
}
