package org.semptify.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Every setting the program reads, parsed and validated once at start. See {@link SettingsLoader}
 * for the environment variables and their defaults.
 *
 * @param secret key material for cookies from {@code SEMPTIFY_SECRET}/{@code FLASK_SECRET}; empty
 *     means "use the generated {@code security/session.key}"
 * @param legacyAdminToken the seed's {@code ADMIN_TOKEN} fallback; empty unless explicitly set
 * @param trustProxyHops how many {@code X-Forwarded-For} hops to trust (0 = ignore the headers)
 * @param slowClients how request bodies that arrive too slowly are cut off
 * @param publicUrl {@code SEMPTIFY_PUBLIC_URL} without a trailing slash ({@code
 *     https://semptify.example.org}): the address links shown to be sent elsewhere start with;
 *     empty means the request's own (trusted) scheme and host
 * @param store {@code SEMPTIFY_STORE}: files under the data root, or a PostgreSQL database
 * @param blobStore where the encrypted blobs of vault documents live ({@code SEMPTIFY_BLOB_STORE})
 */
public record Settings(
    Path dataRoot,
    String host,
    int port,
    SecurityMode securityMode,
    boolean allowOpenPublic,
    Optional<Secret> secret,
    Optional<Secret> legacyAdminToken,
    AdminRateSettings adminRate,
    long logMaxBytes,
    int logBackups,
    boolean accessLogJson,
    boolean forceHttps,
    long hstsMaxAgeSeconds,
    int trustProxyHops,
    VaultSettings vault,
    SlowClientSettings slowClients,
    Optional<String> publicUrl,
    StoreSettings store,
    BlobStoreSettings blobStore) {

  public boolean enforced() {
    return securityMode == SecurityMode.ENFORCED;
  }
}
