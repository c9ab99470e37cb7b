package org.semptify.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingCipherTest {
  @Test
  void ciphertextLeavesInWholeSegmentsAndDecryptsBack() throws Exception {
    byte[] key = new byte[32];
    key[3] = 9;
    StreamingCipher cipher = new StreamingCipher(key);
    byte[] plaintext = new byte[10 * 64 * 1024 + 100];
    new Random(3).nextBytes(plaintext);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    int[] writes = new int[1];
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes[0]++;
            stored.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes[0]++;
            stored.write(b, off, len);
          }
        };
    try (OutputStream out = cipher.encrypting(counting, "d_test")) {
      out.write(plaintext);
    }
    // One write per 64 KiB segment (and the header), not one per 8 KiB.
    assertThat(writes[0]).isLessThanOrEqualTo(13);
    try (InputStream in =
        cipher.decrypting(new ByteArrayInputStream(stored.toByteArray()), "d_test")) {
      assertThat(in.readAllBytes()).isEqualTo(plaintext);
    }
  }
}
