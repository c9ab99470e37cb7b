package org.semptify.store.s3;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.semptify.config.BlobStoreSettings;
import org.semptify.config.ConfigException;
import org.semptify.store.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs in an S3-compatible bucket ({@code SEMPTIFY_BLOB_STORE=s3}). A blob is the object {@code
 * blobs/<user id>/<doc id>}: both ids are random, so a key says nothing about a person or a file.
 *
 * <p>A pending blob is a multipart upload that is not completed: its bytes are streamed in parts of
 * {@value #PART_BYTES} bytes (one part in memory at a time, never the file), each durable once the
 * bucket acknowledges it, and invisible until {@link #commitBlob} completes the upload, which makes
 * the object appear whole, atomically. A writer or part that fails aborts the upload, so no parts
 * are left behind; uploads abandoned by a node that died are aborted by {@link #sweepStaleUploads}
 * at the next start. The vault commits a blob before it writes the manifest naming it, so a pending
 * blob is never needed after its request ended.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  /** Bytes per part (S3's minimum is 5 MiB for every part but the last). */
  static final int PART_BYTES = 8 * 1024 * 1024;

  private static final String PREFIX = "blobs/";
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private final S3Client s3;
  private final String bucket;
  private final String where;
  private final java.time.Clock clock;
  private final Duration staleAfter;

  /** Uploads this node has written and not yet committed: their id and parts, by key. */
  private final Map<String, Upload> pending = new ConcurrentHashMap<>();

  private record Upload(String uploadId, List<CompletedPart> parts) {}

  private S3BlobStore(
      S3Client s3, String bucket, String where, java.time.Clock clock, Duration staleAfter) {
    this.s3 = s3;
    this.bucket = bucket;
    this.where = where;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  /**
   * Connects to the bucket of {@code settings} and checks that it can be used, trying again for a
   * few seconds while the service cannot be reached (it may be starting). A value that does not
   * work is a {@link ConfigException} naming its variable. An unfinished upload older than {@code
   * staleAfter} (see {@link #staleAfter}) by {@code clock} is taken for abandoned.
   */
  public static S3BlobStore connect(
      BlobStoreSettings settings, java.time.Clock clock, Duration staleAfter) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyle())
            .credentialsProvider(credentials(settings))
            // Only what the protocol requires: services other than AWS refuse the newer
            // checksum headers.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(3))
                    .socketTimeout(Duration.ofSeconds(60))
                    .maxConnections(128));
    settings.endpoint().ifPresent(builder::endpointOverride);
    String where = settings.endpoint().map(URI::toString).orElse("AWS (" + settings.region() + ")");
    S3BlobStore store =
        new S3BlobStore(builder.build(), settings.bucket(), where, clock, staleAfter);
    boolean usable = false;
    try {
      store.checkAtStart(settings);
      usable = true;
    } finally {
      if (!usable) {
        store.close();
      }
    }
    return store;
  }

  private static AwsCredentialsProvider credentials(BlobStoreSettings settings) {
    if (settings.accessKeyId().isEmpty() || settings.secretAccessKey().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String id = settings.accessKeyId().get();
    String secret = utf8(settings.secretAccessKey().get().bytes());
    return StaticCredentialsProvider.create(
        settings
            .sessionToken()
            .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                token -> AwsSessionCredentials.create(id, secret, utf8(token.bytes())))
            .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void checkAtStart(BlobStoreSettings settings) {
    long[] waits = {250, 500, 1000, 2000};
    for (int attempt = 0; ; attempt++) {
      try {
        s3.headBucket(b -> b.bucket(bucket));
        return;
      } catch (S3Exception e) {
        throw new ConfigException(refusal(settings, e.statusCode()));
      } catch (SdkClientException e) {
        if (attempt >= waits.length || !unreachable(e)) {
          throw new ConfigException(
              unreachable(e)
                  ? "SEMPTIFY_S3_ENDPOINT "
                      + where
                      + " cannot be reached (tried for "
                      + (attempt + 1)
                      + " attempts); check the address and that the service runs"
                  : "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: no credentials for the bucket"
                      + " could be found or used ("
                      + e.getClass().getSimpleName()
                      + ")");
        }
        sleep(waits[attempt]);
      }
    }
  }

  private String refusal(BlobStoreSettings settings, int status) {
    return switch (status) {
      case 404 ->
          "SEMPTIFY_S3_BUCKET '"
              + settings.bucket()
              + "' does not exist at "
              + where
              + ": create it first";
      case 401, 403 ->
          "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: "
              + where
              + " refuses these credentials for bucket '"
              + settings.bucket()
              + "' (HTTP "
              + status
              + ")";
      case 301, 400 ->
          "SEMPTIFY_S3_REGION '"
              + settings.region()
              + "' (or SEMPTIFY_S3_PATH_STYLE) does not match bucket '"
              + settings.bucket()
              + "' at "
              + where
              + " (HTTP "
              + status
              + ")";
      default ->
          "SEMPTIFY_S3_ENDPOINT "
              + where
              + " answers HTTP "
              + status
              + " for bucket '"
              + settings.bucket()
              + "'";
    };
  }

  /** A failure to reach the service at all (as opposed to missing credentials). */
  private static boolean unreachable(SdkClientException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while waiting for the bucket");
    }
  }

  /** Empty when the bucket answers now; else what is wrong, in words safe to show. */
  public Optional<String> probe() {
    try {
      s3.headBucket(
          b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT)));
      return Optional.empty();
    } catch (S3Exception e) {
      return Optional.of("HTTP " + e.statusCode());
    } catch (SdkException e) {
      return Optional.of("unreachable");
    }
  }

  private static String key(String userId, String docId) {
    return prefix(userId) + checked(DOC_ID, docId, "not a document id");
  }

  private static String prefix(String userId) {
    return PREFIX + checked(USER_ID, userId, "not a user id") + "/";
  }

  private static String checked(Pattern pattern, String value, String problem) {
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(problem);
    }
    return value;
  }

  /** Runs a call to the bucket; a failure of the service becomes a storage failure (507). */
  private static <T> T remote(Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new BlobStoreUnavailableException(e);
    }
  }

  @Override
  public long writePending(String userId, String docId, BlobWriter writer) throws IOException {
    String key = key(userId, docId);
    String uploadId =
        remote(
                () ->
                    s3.createMultipartUpload(
                        b -> b.bucket(bucket).key(key).contentType("application/octet-stream")))
            .uploadId();
    PartStream parts = new PartStream(key, uploadId);
    boolean done = false;
    try {
      writer.writeTo(parts);
      parts.close();
      pending.put(key, new Upload(uploadId, List.copyOf(parts.completed)));
      done = true;
      return parts.size;
    } finally {
      if (!done) {
        abort(key, uploadId);
      }
    }
  }

  /** Aborts an upload, best effort: a failure here leaves it to the next start's sweep. */
  private void abort(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    } catch (NoSuchUploadException e) {
      // already gone
    } catch (SdkException e) {
      // the sweep removes it
    }
  }

  @Override
  public void commitBlob(String userId, String docId) {
    String key = key(userId, docId);
    Upload upload = pending.remove(key);
    if (upload == null) {
      // Written by another node, or by this one before a restart: ask the bucket.
      upload =
          remote(() -> uploadsOf(key)).stream()
              .max(Comparator.comparing(MultipartUpload::initiated))
              .map(found -> new Upload(found.uploadId(), remote(() -> partsOf(key, found))))
              .orElseThrow(
                  () ->
                      new BlobStoreUnavailableException(
                          new IOException("no pending upload for this blob")));
    }
    Upload found = upload;
    remote(
        () ->
            s3.completeMultipartUpload(
                b ->
                    b.bucket(bucket)
                        .key(key)
                        .uploadId(found.uploadId())
                        .multipartUpload(m -> m.parts(found.parts()))));
  }

  private List<MultipartUpload> uploadsOf(String key) {
    List<MultipartUpload> found = new ArrayList<>();
    for (MultipartUpload upload :
        s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key)).uploads()) {
      if (upload.key().equals(key)) {
        found.add(upload);
      }
    }
    return found;
  }

  private List<CompletedPart> partsOf(String key, MultipartUpload upload) {
    List<CompletedPart> parts = new ArrayList<>();
    for (Part part :
        s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(upload.uploadId())).parts()) {
      parts.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build());
    }
    parts.sort(Comparator.comparing(CompletedPart::partNumber));
    return parts;
  }

  @Override
  public void discardPending(String userId, String docId) {
    String key = key(userId, docId);
    Upload mine = pending.remove(key);
    if (mine != null) {
      abort(key, mine.uploadId());
    }
    for (MultipartUpload upload : remote(() -> uploadsOf(key))) {
      abort(key, upload.uploadId());
    }
  }

  @Override
  public Optional<StoredBlob> openBlob(String userId, String docId) throws IOException {
    String key = key(userId, docId);
    ResponseInputStream<GetObjectResponse> response;
    try {
      response = s3.getObject(b -> b.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new BlobStoreUnavailableException(e);
    }
    return Optional.of(new StoredBlob(new Download(response), response.response().contentLength()));
  }

  @Override
  public void deleteBlob(String userId, String docId) {
    String key = key(userId, docId);
    remote(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  /**
   * Committed blobs, and pending ones only once abandoned (older than {@code staleAfter}): nodes
   * share the bucket, so an upload another node is writing right now is not this vault's to
   * recover.
   */
  @Override
  public List<BlobEntry> listBlobs(String userId) {
    String prefix = prefix(userId);
    return remote(
        () -> {
          List<BlobEntry> entries = new ArrayList<>();
          for (S3Object object :
              s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            entries.add(new BlobEntry(object.key().substring(prefix.length()), false));
          }
          Instant cutoff = clock.instant().minus(staleAfter);
          for (MultipartUpload upload :
              s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
            if (upload.initiated() != null && !upload.initiated().isBefore(cutoff)) {
              continue; // a request on some node may still be writing it
            }
            BlobEntry entry = new BlobEntry(upload.key().substring(prefix.length()), true);
            if (!entries.contains(entry)) {
              entries.add(entry);
            }
          }
          return entries;
        });
  }

  /**
   * How many unfinished uploads are older than {@code staleAfter} (what the sweep would remove).
   */
  public int abandonedUploads() {
    Instant cutoff = clock.instant().minus(staleAfter);
    return remote(
        () ->
            (int)
                s3
                    .listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(PREFIX))
                    .uploads()
                    .stream()
                    .filter(u -> u.initiated() != null && u.initiated().isBefore(cutoff))
                    .count());
  }

  /** {@link #sweepStaleUploads(Instant)} of uploads older than {@code staleAfter}. */
  public int sweepStaleUploads() {
    return sweepStaleUploads(clock.instant().minus(staleAfter));
  }

  /** The sizes of the vault's committed objects, summed (one listing per thousand blobs). */
  @Override
  public long usedBytes(String userId) {
    String prefix = prefix(userId);
    return remote(
        () ->
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .mapToLong(S3Object::size)
                .sum());
  }

  /**
   * Aborts every multipart upload of a blob begun before {@code cutoff}: parts of requests that
   * died with their node (a kill, a crash, a lost connection). Run at start-up with a cutoff older
   * than the longest a live upload can last. Returns how many were aborted.
   */
  public int sweepStaleUploads(Instant cutoff) {
    return remote(
        () -> {
          int aborted = 0;
          for (MultipartUpload upload :
              s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(PREFIX)).uploads()) {
            if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
              abort(upload.key(), upload.uploadId());
              aborted++;
            }
          }
          return aborted;
        });
  }

  /**
   * How old an unfinished upload must be before the sweep may abort it: longer than any live
   * request can take to send its largest body at the slowest rate the server accepts (plus the idle
   * timeout and an hour for clocks that disagree), a week when no rate is enforced.
   */
  public static Duration staleAfter(
      long maxUploadBytes, long minBytesPerSecond, int idleTimeoutSeconds) {
    Duration week = Duration.ofDays(7);
    if (minBytesPerSecond <= 0) {
      return week;
    }
    Duration longest =
        Duration.ofSeconds(maxUploadBytes / minBytesPerSecond + idleTimeoutSeconds).plusHours(1);
    return longest.compareTo(week) > 0 ? week : longest;
  }

  @Override
  public void close() {
    s3.close();
  }

  /** The writer's destination: fills one part at a time and uploads it when full. */
  private final class PartStream extends OutputStream {
    private final String key;
    private final String uploadId;
    private final List<CompletedPart> completed = new ArrayList<>();
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private long size;
    private boolean closed;

    PartStream(String key, String uploadId) {
      this.key = key;
      this.uploadId = uploadId;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      int at = offset;
      int left = count;
      while (left > 0) {
        if (length == buffer.length) {
          if (buffer.length < PART_BYTES) {
            buffer = java.util.Arrays.copyOf(buffer, Math.min(PART_BYTES, buffer.length * 2));
          } else {
            uploadPart();
          }
        }
        int n = Math.min(left, buffer.length - length);
        System.arraycopy(bytes, at, buffer, length, n);
        length += n;
        at += n;
        left -= n;
        size += n;
      }
    }

    private void uploadPart() {
      int number = completed.size() + 1;
      byte[] bytes = buffer;
      int count = length;
      String etag =
          remote(
                  () ->
                      s3.uploadPart(
                          b ->
                              b.bucket(bucket)
                                  .key(key)
                                  .uploadId(uploadId)
                                  .partNumber(number)
                                  .contentLength((long) count),
                          RequestBody.fromContentProvider(
                              () -> new ByteArrayInputStream(bytes, 0, count),
                              count,
                              "application/octet-stream")))
              .eTag();
      completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      length = 0;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (length > 0 || completed.isEmpty()) {
          uploadPart();
        }
        buffer = null;
      }
    }
  }

  /**
   * A download: closing it before the end aborts the connection instead of reading the rest of a
   * large object only to throw it away.
   */
  private static final class Download extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private boolean ended;

    Download(ResponseInputStream<GetObjectResponse> response) {
      super(response);
      this.response = response;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int n = super.read(bytes, offset, length);
      ended |= n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended) {
        response.abort();
      }
      super.close();
    }
  }
}
