package org.semptify.crypto;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Tink's AES-GCM-HKDF streaming AEAD (64 KiB segments) under a vault's data key: files of any size
 * are encrypted and decrypted in bounded memory, each segment authenticated, truncation and
 * reordering detected. The associated data binds a ciphertext to its place (document id, manifest).
 */
public final class StreamingCipher {
  /**
   * Part of the stored format: changing it makes existing blobs unreadable. 64 KiB measured 3.5–4
   * GB/s once the JIT has compiled AES-GCM, and reaches that speed far sooner than 1 MiB segments,
   * whose rare, long calls keep the GCM routines unoptimised for hundreds of megabytes.
   */
  private static final int SEGMENT_BYTES = 64 * 1024;

  private final AesGcmHkdfStreaming aead;

  public StreamingCipher(byte[] dataKey) {
    try {
      this.aead = new AesGcmHkdfStreaming(dataKey, "HmacSha256", 32, SEGMENT_BYTES, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Wraps {@code ciphertext}: what is written to the returned stream is encrypted into it. */
  public OutputStream encrypting(OutputStream ciphertext, String associatedData)
      throws IOException {
    try {
      WritableByteChannel channel =
          aead.newEncryptingChannel(
              new StreamChannel(ciphertext), associatedData.getBytes(StandardCharsets.UTF_8));
      return Channels.newOutputStream(channel);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot start encryption", e);
    }
  }

  /**
   * Plaintext read from {@code ciphertext}; a tampered or truncated input fails with an
   * IOException.
   */
  public InputStream decrypting(InputStream ciphertext, String associatedData) throws IOException {
    try {
      return aead.newDecryptingStream(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot start decryption", e);
    }
  }

  /**
   * An output stream as a channel that hands each ciphertext segment over in one write. ({@link
   * Channels#newChannel(OutputStream)} copies through an 8 KiB array: eight copies and eight writes
   * to the disk per segment.)
   */
  private static final class StreamChannel implements WritableByteChannel {
    private final OutputStream out;
    private boolean open = true;

    StreamChannel(OutputStream out) {
      this.out = out;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      int n = source.remaining();
      if (source.hasArray()) {
        out.write(source.array(), source.arrayOffset() + source.position(), n);
        source.position(source.limit());
      } else {
        byte[] copy = new byte[n];
        source.get(copy);
        out.write(copy);
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      open = false;
      out.close();
    }
  }
}
