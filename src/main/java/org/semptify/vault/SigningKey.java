package org.semptify.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.semptify.config.ConfigException;
import org.semptify.files.AtomicFiles;

/**
 * The server's Ed25519 certificate-signing key pair, generated at first start into {@code
 * security/signing_key.pem} (0600; the private and the public PEM block together). Its public half
 * is served at {@code /.well-known/semptify-signing-key.pem} and put in every export, so a third
 * party can check with {@code openssl} that this server issued a certificate.
 */
public final class SigningKey {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public static SigningKey loadOrCreate(Path privateFile) {
    try {
      if (!Files.exists(privateFile)) {
        AtomicFiles.createIfAbsent(
            privateFile, newPem().getBytes(StandardCharsets.US_ASCII), AtomicFiles.OWNER_ONLY);
      }
      return parse(Files.readString(privateFile, StandardCharsets.US_ASCII));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException(
          privateFile + " is not a valid Ed25519 signing key; it was left untouched");
    }
  }

  /**
   * A new key pair as the text {@code signing_key.pem} holds (the private and the public PEM
   * block), for a store that keeps it elsewhere (the database, {@code SEMPTIFY_STORE=postgres}).
   */
  public static String newPem() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return pem("PRIVATE KEY", pair.getPrivate().getEncoded())
          + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  /** The key pair in {@code text} (as {@link #newPem()} makes it); {@code where} names its home. */
  public static SigningKey fromPem(String text, String where) {
    try {
      return parse(text);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException(
          where + " is not a valid Ed25519 signing key; it was left untouched");
    }
  }

  private static SigningKey parse(String text) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("Ed25519");
    PrivateKey privateKey =
        factory.generatePrivate(new PKCS8EncodedKeySpec(fromPem(block(text, "PRIVATE KEY"))));
    PublicKey publicKey =
        factory.generatePublic(new X509EncodedKeySpec(fromPem(block(text, "PUBLIC KEY"))));
    SigningKey key = new SigningKey(privateKey, publicKey);
    byte[] probe = "semptify signing key check".getBytes(StandardCharsets.US_ASCII);
    if (!verify(key.publicKeyPem(), probe, key.sign(probe))) {
      throw new GeneralSecurityException("the two halves do not match");
    }
    return key;
  }

  public byte[] sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(privateKey);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  /** This key's fingerprint; see {@link #fingerprint(String)}. */
  public String fingerprint() {
    return fingerprint(publicKeyPem());
  }

  /**
   * The fingerprint of an Ed25519 public key, the one form shown everywhere (an export's
   * README.txt, {@code verify-bundle}): the SHA-256 of the key's DER SubjectPublicKeyInfo, in
   * lowercase hex. The same as {@code openssl pkey -pubin -in KEY.pem -outform DER | sha256sum}.
   *
   * @throws IllegalArgumentException if the text holds no Ed25519 public key
   */
  public static String fingerprint(String publicKeyPem) {
    byte[] der = publicKey(publicKeyPem).getEncoded();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The Ed25519 public key in a PEM file, re-encoded as one {@code PUBLIC KEY} block: a public key
   * file (such as {@code /.well-known/semptify-signing-key.pem}) or the server's {@code
   * security/signing_key.pem}, whose private half is not read.
   *
   * @throws IllegalArgumentException if the file holds no Ed25519 public key
   */
  public static String readPublicKeyPem(Path file) throws IOException {
    return publicKeyPemIn(Files.readString(file, StandardCharsets.ISO_8859_1));
  }

  /**
   * The Ed25519 public key in a PEM text (such as a backup's copy of {@code signing_key.pem}),
   * re-encoded as one {@code PUBLIC KEY} block; the private half is not read.
   *
   * @throws IllegalArgumentException if the text holds no Ed25519 public key
   */
  public static String publicKeyPemIn(String text) {
    return pem("PUBLIC KEY", publicKey(block(text, "PUBLIC KEY")).getEncoded());
  }

  private static PublicKey publicKey(String publicKeyPem) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(fromPem(block(publicKeyPem, "PUBLIC KEY"))));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  public static boolean verify(String publicKeyPem, byte[] message, byte[] signatureBytes) {
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePublic(new X509EncodedKeySpec(fromPem(publicKeyPem)));
      Signature signature = Signature.getInstance("Ed25519");
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String block(String text, String type) {
    int start = text.indexOf("-----BEGIN " + type + "-----");
    int end = text.indexOf("-----END " + type + "-----");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("missing " + type);
    }
    return text.substring(start, end + ("-----END " + type + "-----").length());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] fromPem(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
