package org.semptify.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where the encrypted blobs of vault documents are kept ({@code SEMPTIFY_BLOB_STORE}).
 *
 * @param kind {@code file} (the data root's {@code uploads/}, the default) or {@code s3}
 * @param endpoint {@code SEMPTIFY_S3_ENDPOINT}: an {@code http(s)://host[:port]} of an
 *     S3-compatible service; empty means AWS's own endpoint for the region
 * @param bucket {@code SEMPTIFY_S3_BUCKET}; required with {@code s3}
 * @param region {@code SEMPTIFY_S3_REGION} (else {@code AWS_REGION}, else {@code us-east-1})
 * @param pathStyle {@code SEMPTIFY_S3_PATH_STYLE}: address the bucket in the path ({@code
 *     host/bucket/key}) rather than the host name, as most self-hosted services need
 * @param accessKeyId {@code AWS_ACCESS_KEY_ID}, when set; otherwise the SDK's default chain
 *     (profile, container or instance role) supplies credentials
 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY} (never logged)
 * @param sessionToken {@code AWS_SESSION_TOKEN}, for temporary credentials (never logged)
 */
public record BlobStoreSettings(
    Kind kind,
    Optional<URI> endpoint,
    String bucket,
    String region,
    boolean pathStyle,
    Optional<String> accessKeyId,
    Optional<Secret> secretAccessKey,
    Optional<Secret> sessionToken) {

  /** The two places blobs can live. */
  public enum Kind {
    FILE,
    S3
  }

  /** Blobs on files in the data root. */
  public static BlobStoreSettings files() {
    return new BlobStoreSettings(
        Kind.FILE,
        Optional.empty(),
        "",
        "us-east-1",
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public boolean s3() {
    return kind == Kind.S3;
  }
}
