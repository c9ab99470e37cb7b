package org.semptify.vault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A certificate as the API shows it: its fields, plus {@code certificate_sha256} (the SHA-256 of
 * its canonical bytes, which the next certificate's {@code prev} names) and {@code signature}
 * (Ed25519 over those bytes, base64).
 */
public final class CertificateJson {
  private CertificateJson() {}

  public static Map<String, Object> of(Certificate certificate) {
    Map<String, Object> json = new LinkedHashMap<>(new TreeMap<>(certificate.fields()));
    json.put("certificate_sha256", certificate.hash());
    json.put("signature", certificate.signature());
    json.put("signature_algorithm", "Ed25519");
    return json;
  }
}
