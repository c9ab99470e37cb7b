package org.semptify.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Semptify's token format, modelled on GitHub's: {@code <prefix>_<43 base62 chars><6 base62 chars>}
 * — a readable kind prefix ({@code smpa}, {@code smpu}, {@code smps}), 256 random bits, and a CRC32
 * checksum of everything before it. Scanners can recognise a leaked token; a typo is rejected
 * before any lookup. Only {@code sha256:<hex>} of a token is ever stored.
 */
public final class Tokens {
  static final int BODY_LENGTH = 43; // 256 bits in base62
  static final int CHECKSUM_LENGTH = 6; // 32 bits in base62
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern SHAPE =
      Pattern.compile(
          "(smp[aus])_([0-9A-Za-z]{" + BODY_LENGTH + "})([0-9A-Za-z]{" + CHECKSUM_LENGTH + "})");

  /** Anything that claims to be a Semptify token by its prefix. */
  private static final Pattern CLAIMS_FORMAT = Pattern.compile("smp[a-z]_.*", Pattern.DOTALL);

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  public static String generate(TokenKind kind) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String body = base62(new BigInteger(1, random), BODY_LENGTH);
    String head = kind.prefix() + "_" + body;
    return head + checksum(head);
  }

  /** True when {@code token} has the shape of a token of this kind and its checksum matches. */
  public static boolean isWellFormed(String token, TokenKind kind) {
    if (token == null) {
      return false;
    }
    Matcher matcher = SHAPE.matcher(token);
    if (!matcher.matches() || !matcher.group(1).equals(kind.prefix())) {
      return false;
    }
    String head = matcher.group(1) + "_" + matcher.group(2);
    return MessageDigest.isEqual(
        checksum(head).getBytes(StandardCharsets.US_ASCII),
        matcher.group(3).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * True when the value carries a Semptify prefix but is not a valid token of {@code kind}: a typo,
   * a truncated copy or a token of another kind. Values without the prefix may be legacy tokens.
   */
  public static boolean isMalformedSemptifyToken(String token, TokenKind kind) {
    return token != null && CLAIMS_FORMAT.matcher(token).matches() && !isWellFormed(token, kind);
  }

  /** The stored form: {@code sha256:<64 lowercase hex>} of the token's UTF-8 bytes. */
  public static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * A short, non-reversible tag of a token's stored hash, kept in session cookies so that rotating,
   * disabling or removing the token ends the sessions it opened.
   */
  public static String fingerprint(String hash) {
    return hash.substring(hash.length() - 16);
  }

  /** Constant-time comparison of two stored hashes or secrets. */
  public static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String checksum(String head) {
    CRC32 crc = new CRC32();
    crc.update(head.getBytes(StandardCharsets.US_ASCII));
    // 32 bits fit a long: the same digits as base62(BigInteger) without a BigInteger division per
    // character (this runs on every authenticated request).
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
      value /= ALPHABET.length();
    }
    return new String(out);
  }

  private static String base62(BigInteger value, int length) {
    char[] out = new char[length];
    BigInteger base = BigInteger.valueOf(ALPHABET.length());
    for (int i = length - 1; i >= 0; i--) {
      BigInteger[] division = value.divideAndRemainder(base);
      out[i] = ALPHABET.charAt(division[1].intValue());
      value = division[0];
    }
    return new String(out);
  }
}
