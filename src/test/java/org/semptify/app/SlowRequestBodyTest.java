package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/**
 * Slow request bodies (the "R-U-Dead-Yet" attack): hundreds of connections that declare a body and
 * then send it one byte at a time must not take every server thread, and slow headers (slowloris)
 * must keep holding too: {@code /health} answers within 2 s throughout.
 */
class SlowRequestBodyTest {
  private static final int CONNECTIONS = 300;
  private static final int SLOWLORIS = 50;
  private static final long ATTACK_MILLIS = 3_000;

  @TempDir Path root;

  @Test
  void threeHundredTricklingBodiesCannotStopHealthFromAnswering() throws Exception {
    // Many addresses in a real attack: the per-address registration limit does not stop it here.
    try (TestServer server =
        TestServer.builder(root).env("SEMPTIFY_REGISTER_RATE_MAX", "0").start()) {
      int port = server.app().port();
      String userToken = VaultUser.register(server).token();
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < CONNECTIONS + SLOWLORIS; i++) {
          String target = i % 3 == 0 ? "/api/vault" : "/register";
          String type =
              i % 3 == 0 ? "multipart/form-data; boundary=b" : "application/x-www-form-urlencoded";
          String head =
              i >= CONNECTIONS
                  // slowloris: the headers themselves never end
                  ? "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  : "POST "
                      + target
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                      + type
                      + "\r\nX-User-Token: "
                      + userToken
                      + "\r\nContent-Length: 100000\r\n\r\n";
          Socket socket = new Socket();
          sockets.add(socket);
          socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
          socket.setSoTimeout(2_000);
          socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
        }
        long start = System.nanoTime();
        int probes = 0;
        while (System.nanoTime() - start < ATTACK_MILLIS * 1_000_000) {
          for (Socket socket : sockets) {
            trickle(socket);
          }
          Thread.sleep(500);
          if (System.nanoTime() - start > 1_000_000_000L) {
            assertThat(healthAnswers(port)).as("GET /health answered within 2 s").isTrue();
            probes++;
          }
        }
        assertThat(probes).isPositive();
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }

  /** One more byte of the body (or of a header that never ends); a closed connection is fine. */
  private static void trickle(Socket socket) {
    try {
      socket.getOutputStream().write('a');
      socket.getOutputStream().flush();
    } catch (IOException e) {
      // The server gave up on this client: that is the point.
    }
  }

  /** A fresh connection's GET /health, answered 200 within 2 s. */
  private static boolean healthAnswers(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] status = in.readNBytes("HTTP/1.1 200".length());
      return new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void aBodyTricklingFarBelowTheMinimumRateIsCutOffWith408() throws Exception {
    try (TestServer server =
            TestServer.builder(root).env("SEMPTIFY_REGISTER_RATE_MAX", "0").start();
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.app().port()), 2_000);
      socket.setSoTimeout(200);
      socket
          .getOutputStream()
          .write(
              ("POST /register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: application/x-www-form-urlencoded\r\n"
                      + "Content-Length: 100000\r\n\r\nlabel=")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = "";
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (answer.isEmpty() && System.nanoTime() < deadline) {
        trickle(socket);
        try {
          answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
          // nothing yet: one more byte
        }
      }
      assertThat(answer).isEqualTo("HTTP/1.1 408");
    }
  }

  @Test
  void aPhoneUploadingSteadilyAtAFewKilobytesPerSecondIsNotCutOff() throws Exception {
    try (TestServer server = TestServer.start(root);
        Socket socket = new Socket()) {
      String userToken = VaultUser.register(server).token();
      byte[] file = new byte[24 * 1024];
      java.util.Arrays.fill(file, (byte) 'x');
      byte[] body =
          concat(
              ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\n"
                      + "Content-Type: text/plain\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII),
              file,
              "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.connect(new InetSocketAddress("127.0.0.1", server.app().port()), 2_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/vault HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  + "Content-Type: multipart/form-data; boundary=b\r\nX-User-Token: "
                  + userToken
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      // 2 KiB every 250 ms: 8 KiB/s, what a poor 3G or an EDGE connection manages.
      for (int offset = 0; offset < body.length; offset += 2048) {
        out.write(body, offset, Math.min(2048, body.length - offset));
        out.flush();
        Thread.sleep(250);
      }
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 201");
    }
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
