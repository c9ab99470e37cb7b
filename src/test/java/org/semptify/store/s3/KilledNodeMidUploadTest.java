package org.semptify.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Multipart;
import org.semptify.testing.S3Server;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code kill -9} of a node in the middle of a large upload to the bucket: the other node keeps
 * serving what was acknowledged, and after the next start's sweep no part of the broken upload
 * remains in the bucket.
 */
class KilledNodeMidUploadTest {
  @TempDir Path root;

  private TestServer.Builder node(String bucket) {
    TestServer.Builder builder = TestServer.builder(root).env("SEMPTIFY_MAX_UPLOAD_MB", "64");
    S3Server.shared().env(bucket).forEach(builder::env);
    return builder;
  }

  @Test
  void theOtherNodeKeepsServingAndTheSweepLeavesNoOrphanParts() throws Exception {
    S3Server s3 = S3Server.shared();
    S3Client bucketClient = s3.client();
    String bucket = s3.newBucket();
    byte[] kept = "the notice, acknowledged".getBytes(StandardCharsets.UTF_8);

    TestServer a = node(bucket).startProcess();
    try (TestServer b = node(bucket).start()) {
      VaultUser onA = VaultUser.register(a);
      String docId = onA.uploadFile("notice.txt", kept).get("doc_id").asText();

      // A large upload to A, sent halfway (two parts reach the bucket), then A dies.
      try (Socket socket = new Socket("127.0.0.1", a.uri("/").getPort())) {
        OutputStream out = socket.getOutputStream();
        Multipart.startUpload(out, onA.token(), 40, 20);
        S3Server.awaitParts(bucketClient, bucket, "blobs/", 2);
        a.kill();
      }

      // B serves what A acknowledged.
      VaultUser onB = VaultUser.withToken(b, onA.token());
      assertThat(onB.download(docId).body()).isEqualTo(kept);
      assertThat(onB.get("/api/vault").body()).contains(docId).doesNotContain("video.mp4");
    }

    // The broken upload's parts are still there until a start whose sweep may remove them.
    assertThat(S3Server.multipartUploads(bucketClient, bucket, "blobs/")).hasSize(1);
    try (TestServer later =
        node(bucket).clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(8))).start()) {
      assertThat(S3Server.multipartUploads(bucketClient, bucket, "blobs/")).isEmpty();
      assertThat(
              bucketClient
                  .listObjectsV2Paginator(x -> x.bucket(bucket).prefix("blobs/"))
                  .contents()
                  .stream()
                  .map(S3Object::key)
                  .toList())
          .hasSize(1);
    }
  }
}
