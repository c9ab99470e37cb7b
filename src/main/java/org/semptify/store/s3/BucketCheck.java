package org.semptify.store.s3;

import org.semptify.ops.CheckResult;
import org.semptify.ops.ReadinessCheck;

/**
 * Readiness check {@code bucket}: the blob store's bucket answers (a HEAD of the bucket, bounded in
 * time). The detail names the kind of failure only, never the endpoint's answer or a credential.
 */
public final class BucketCheck implements ReadinessCheck {
  private final S3BlobStore store;

  public BucketCheck(S3BlobStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "bucket";
  }

  @Override
  public CheckResult check() {
    return store
        .probe()
        .map(problem -> CheckResult.failed("the bucket cannot be used: " + problem))
        .orElseGet(() -> CheckResult.ok("the bucket answers"));
  }
}
