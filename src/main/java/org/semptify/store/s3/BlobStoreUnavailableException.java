package org.semptify.store.s3;

import org.semptify.ops.StorageUnavailableException;

/**
 * The bucket refused or failed a read or write (unreachable, denied, an error of the service). The
 * request answers like any storage failure (507, nothing changed); readiness probes the bucket
 * itself ({@link BucketCheck}), so it names no folder.
 */
public final class BlobStoreUnavailableException extends StorageUnavailableException {
  private static final long serialVersionUID = 1L;

  BlobStoreUnavailableException(Throwable cause) {
    super(MESSAGE, cause);
  }
}
