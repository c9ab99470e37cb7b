package org.semptify.backup;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Encrypted archives, with Google Tink only: each archive gets a fresh streaming-AEAD key
 * (AES256_GCM_HKDF_1MB), which encrypts the archive as a stream in bounded memory, authenticating
 * every segment and the end (a truncated file fails). That key is sealed to the operator's public
 * key with HPKE (RFC 9180: DHKEM X25519 HKDF-SHA256, HKDF-SHA256, AES-256-GCM), so the server only
 * ever holds the public half and a stolen backup is useless without the private key kept offline.
 *
 * <p>Layout: {@code SEMPTIFY-BACKUP-ENCRYPTED/1\n}, the sealed key's length (4 bytes, big-endian),
 * the sealed key, then the streaming ciphertext, whose associated data is everything before it.
 */
public final class BackupEncryption {
  static final byte[] MAGIC = "SEMPTIFY-BACKUP-ENCRYPTED/1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_SEALED_KEY = 64 * 1024;

  private BackupEncryption() {}

  /** A new key pair: Tink JSON keysets, the private one secret, the public one shareable. */
  public record KeyPair(String privateKeyset, String publicKeyset) {}

  public static KeyPair generate() {
    try {
      register();
      KeysetHandle privateKey =
          KeysetHandle.generateNew(
              HpkeParameters.builder()
                  .setVariant(HpkeParameters.Variant.NO_PREFIX)
                  .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                  .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                  .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                  .build());
      return new KeyPair(
          TinkJsonProtoKeysetFormat.serializeKeyset(privateKey, InsecureSecretKeyAccess.get()),
          TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
              privateKey.getPublicKeysetHandle()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a backup key", e);
    }
  }

  /**
   * A stream that encrypts what is written to it into {@code out} for the holder of the private
   * half of {@code publicKeyset}; closing it writes the last segment (and closes {@code out}).
   *
   * @throws IllegalArgumentException when the text is not a Tink HPKE public keyset
   */
  public static OutputStream encrypting(OutputStream out, String publicKeyset) throws IOException {
    try {
      register();
      HybridEncrypt seal =
          TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset)
              .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
      KeysetHandle archiveKey =
          KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
      byte[] sealed =
          seal.encrypt(
              TinkProtoKeysetFormat.serializeKeyset(archiveKey, InsecureSecretKeyAccess.get()),
              MAGIC);
      byte[] header = header(sealed);
      out.write(header);
      return archiveKey
          .getPrimitive(RegistryConfiguration.get(), StreamingAead.class)
          .newEncryptingStream(out, header);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the --encrypt-to file is not a public key made by 'semptify backup keygen'");
    }
  }

  /** True when {@code head} (the first bytes of a file) starts an encrypted archive. */
  static boolean isEncrypted(byte[] head, int length) {
    return length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * The plaintext of an encrypted archive ({@code in} positioned at its first byte), checked as it
   * is read: a wrong key fails here, a changed or truncated ciphertext fails when it is reached.
   *
   * @throws IllegalArgumentException when the text is not a private key from {@code backup keygen}
   * @throws IOException when the archive was not encrypted to that key, or is damaged
   */
  static InputStream decrypting(InputStream in, String privateKeyset) throws IOException {
    HybridDecrypt open;
    try {
      register();
      open =
          TinkJsonProtoKeysetFormat.parseKeyset(privateKeyset, InsecureSecretKeyAccess.get())
              .getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the --decrypt-with file is not a private key made by 'semptify backup keygen'");
    }
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    data.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not an encrypted Semptify backup");
    }
    int length = data.readInt();
    if (length <= 0 || length > MAX_SEALED_KEY) {
      throw new IOException("the encrypted archive's header is damaged");
    }
    byte[] sealed = new byte[length];
    try {
      data.readFully(sealed);
    } catch (EOFException e) {
      throw new IOException("the encrypted archive's header is damaged", e);
    }
    try {
      KeysetHandle archiveKey =
          TinkProtoKeysetFormat.parseKeyset(
              open.decrypt(sealed, MAGIC), InsecureSecretKeyAccess.get());
      return archiveKey
          .getPrimitive(RegistryConfiguration.get(), StreamingAead.class)
          .newDecryptingStream(in, header(sealed));
    } catch (GeneralSecurityException e) {
      throw new IOException("the archive was not encrypted to this key, or is damaged", e);
    }
  }

  private static byte[] header(byte[] sealed) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(MAGIC);
    header.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
    header.write(sealed);
    return header.toByteArray();
  }

  private static void register() throws GeneralSecurityException {
    HybridConfig.register();
    StreamingAeadConfig.register();
  }
}
