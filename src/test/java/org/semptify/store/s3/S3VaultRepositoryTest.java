package org.semptify.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.config.SettingsLoader;
import org.semptify.store.VaultRepository;
import org.semptify.store.VaultRepositoryContract;
import org.semptify.store.file.FileVaultRepository;
import org.semptify.testing.S3Server;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Documents on files, blobs in a real S3-protocol server (s3proxy on a folder): the repository
 * contract holds, a large blob travels as a multipart upload that stays invisible until committed,
 * a failed writer leaves no parts, and the start-up sweep removes abandoned uploads only.
 */
class S3VaultRepositoryTest extends VaultRepositoryContract {
  /**
   * The contract is about one repository alone, so here every unfinished upload counts as abandoned
   * (a cutoff a minute ahead, whatever the server's clock rounds to).
   */
  private static final Duration EVERY_PENDING_UPLOAD_ABANDONED = Duration.ofMinutes(-1);

  @TempDir Path uploads;

  private String bucket;
  private S3BlobStore store;

  private S3BlobStore store() {
    if (store == null) {
      S3Server server = S3Server.shared();
      bucket = server.newBucket();
      Map<String, String> env = new HashMap<>(server.env(bucket));
      store =
          S3BlobStore.connect(
              SettingsLoader.load(env, uploads).blobStore(),
              Clock.systemUTC(),
              EVERY_PENDING_UPLOAD_ABANDONED);
    }
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected VaultRepository create() {
    return new FileVaultRepository(uploads, store());
  }

  @Override
  protected VaultRepository another() {
    // A second node: its own client, same bucket.
    Map<String, String> env = new HashMap<>(S3Server.shared().env(bucket));
    return new FileVaultRepository(
        uploads,
        S3BlobStore.connect(
            SettingsLoader.load(env, uploads).blobStore(),
            Clock.systemUTC(),
            EVERY_PENDING_UPLOAD_ABANDONED));
  }

  private List<String> keys() {
    return S3Server.shared()
        .client()
        .listObjectsV2Paginator(b -> b.bucket(bucket))
        .contents()
        .stream()
        .map(S3Object::key)
        .filter(key -> key.startsWith("blobs/"))
        .toList();
  }

  private List<MultipartUpload> uploadsInProgress() {
    return S3Server.shared()
        .client()
        .listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix("blobs/"))
        .uploads()
        .stream()
        .toList();
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aLargeBlobIsAMultipartUploadInvisibleUntilCommitted() throws Exception {
    byte[] content = random(3 * S3BlobStore.PART_BYTES + 12345);
    long size =
        store()
            .writePending(
                USER,
                DOC,
                out -> {
                  for (int at = 0; at < content.length; at += 100_000) {
                    out.write(content, at, Math.min(100_000, content.length - at));
                  }
                });

    assertThat(size).isEqualTo(content.length);
    assertThat(keys()).isEmpty();
    assertThat(uploadsInProgress())
        .extracting(MultipartUpload::key)
        .containsExactly("blobs/" + USER + "/" + DOC);

    store().commitBlob(USER, DOC);
    assertThat(uploadsInProgress()).isEmpty();
    assertThat(keys()).containsExactly("blobs/" + USER + "/" + DOC);
    VaultRepository.StoredBlob blob = store().openBlob(USER, DOC).orElseThrow();
    assertThat(blob.size()).isEqualTo(content.length);
    try (InputStream in = blob.content()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void aWriterThatFailsAfterSomePartsAbortsItsUpload() {
    assertThatThrownBy(
            () ->
                store()
                    .writePending(
                        USER,
                        DOC,
                        out -> {
                          out.write(random(2 * S3BlobStore.PART_BYTES + 1));
                          throw new IOException("the request broke off");
                        }))
        .hasMessage("the request broke off");

    assertThat(uploadsInProgress()).isEmpty();
    assertThat(keys()).isEmpty();
  }

  @Test
  void aDownloadClosedEarlyLeavesTheStoreUsable() throws Exception {
    byte[] content = random(S3BlobStore.PART_BYTES + 1);
    store().writePending(USER, DOC, out -> out.write(content));
    store().commitBlob(USER, DOC);
    for (int i = 0; i < 60; i++) { // more than the connection pool would survive if leaked
      try (InputStream in = store().openBlob(USER, DOC).orElseThrow().content()) {
        assertThat(in.readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(content, 10));
      }
    }
  }

  @Test
  void theSweepAbortsOnlyUploadsOlderThanItsCutoff() throws Exception {
    store().writePending(USER, DOC, out -> out.write(random(10)));
    assertThat(store().sweepStaleUploads(Instant.now().minusSeconds(3600))).isZero();
    assertThat(uploadsInProgress()).hasSize(1);

    assertThat(store().sweepStaleUploads(Instant.now().plusSeconds(60))).isEqualTo(1);
    assertThat(uploadsInProgress()).isEmpty();
    assertThat(store().listBlobs(USER)).isEmpty();
  }

  @Test
  void theBucketHoldsCiphertextUnderRandomIdsOnly() throws Exception {
    store().writePending(USER, DOC, out -> out.write(random(100)));
    store().commitBlob(USER, DOC);
    assertThat(keys()).allMatch(key -> key.matches("blobs/u_[a-z]+/d_[a-z0-9]+"));
    try (Stream<Path> files = Files.walk(S3Server.shared().data().resolve(bucket))) {
      assertThat(files.filter(Files::isRegularFile).count()).isGreaterThan(0);
    }
  }

  @Test
  void anUploadAnotherNodeIsWritingIsNotListedForRecoveryUntilItIsStale() throws Exception {
    store(); // the bucket
    Map<String, String> env = new HashMap<>(S3Server.shared().env(bucket));
    try (S3BlobStore node =
        S3BlobStore.connect(
            SettingsLoader.load(env, uploads).blobStore(),
            Clock.systemUTC(),
            Duration.ofHours(1))) {
      node.writePending(USER, DOC, out -> out.write(random(10)));
      node.writePending(USER, "d_committed0123456789abc", out -> out.write(random(10)));
      node.commitBlob(USER, "d_committed0123456789abc");

      assertThat(node.listBlobs(USER))
          .containsExactly(new VaultRepository.BlobEntry("d_committed0123456789abc", false));
      assertThat(node.sweepStaleUploads()).isZero();
      // Ten hours on, nothing can still be writing it.
      try (S3BlobStore later =
          S3BlobStore.connect(
              SettingsLoader.load(env, uploads).blobStore(),
              Clock.offset(Clock.systemUTC(), Duration.ofHours(10)),
              Duration.ofHours(1))) {
        assertThat(later.listBlobs(USER)).contains(new VaultRepository.BlobEntry(DOC, true));
        assertThat(later.sweepStaleUploads()).isEqualTo(1);
      }
    }
  }

  @Test
  void theStaleAgeOutlastsTheSlowestAcceptedUpload() {
    // 200 MiB at 1 KiB/s: 204,800 s of body, plus the idle timeout and an hour.
    assertThat(S3BlobStore.staleAfter(200L << 20, 1024, 30).toSeconds())
        .isEqualTo(204_800 + 30 + 3600);
    assertThat(S3BlobStore.staleAfter(200L << 20, 0, 30).toDays()).isEqualTo(7);
  }
}
