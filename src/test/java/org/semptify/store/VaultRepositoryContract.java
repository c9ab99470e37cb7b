package org.semptify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.semptify.store.BlobStore.BlobEntry;

/** What every {@link VaultRepository} promises, whatever it stores its ciphertext in. */
public abstract class VaultRepositoryContract {
  protected static final String USER = "u_contract";
  protected static final String DOC = "d_abcdefghij0123456789ab";

  /** A fresh, empty repository. */
  protected abstract VaultRepository create();

  /** Another handle on the same storage as the last {@link #create()}. */
  protected abstract VaultRepository another();

  private VaultRepository repository;

  protected VaultRepository repository() {
    if (repository == null) {
      repository = create();
    }
    return repository;
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  private static byte[] read(VaultRepository.StoredBlob blob) throws IOException {
    try (InputStream in = blob.content()) {
      return in.readAllBytes();
    }
  }

  @Test
  void aBlobStreamRoundTripsWithItsSize() throws Exception {
    byte[] content = bytes(200_000);
    long size = repository().writePending(USER, DOC, out -> out.write(content));
    repository().commitBlob(USER, DOC);

    assertThat(size).isEqualTo(content.length);
    VaultRepository.StoredBlob blob = repository().openBlob(USER, DOC).orElseThrow();
    assertThat(blob.size()).isEqualTo(content.length);
    assertThat(read(blob)).isEqualTo(content);
  }

  @Test
  void aPendingBlobIsInvisibleUntilCommitted() throws Exception {
    repository().writePending(USER, DOC, out -> out.write(bytes(10)));

    assertThat(repository().openBlob(USER, DOC)).isEmpty();
    assertThat(repository().listBlobs(USER)).containsExactly(new BlobEntry(DOC, true));

    another().commitBlob(USER, DOC);
    assertThat(read(repository().openBlob(USER, DOC).orElseThrow())).isEqualTo(bytes(10));
    assertThat(repository().listBlobs(USER)).containsExactly(new BlobEntry(DOC, false));
  }

  @Test
  void aWriterThatFailsLeavesNothing() {
    assertThatThrownBy(
            () ->
                repository()
                    .writePending(
                        USER,
                        DOC,
                        out -> {
                          out.write(bytes(1000));
                          throw new IOException("the request broke off");
                        }))
        .isInstanceOf(IOException.class)
        .hasMessage("the request broke off");
    assertThat(repository().listBlobs(USER)).isEmpty();
  }

  @Test
  void aDiscardedPendingBlobIsGone() throws Exception {
    repository().writePending(USER, DOC, out -> out.write(bytes(10)));
    repository().discardPending(USER, DOC);
    assertThat(repository().listBlobs(USER)).isEmpty();
    repository().discardPending(USER, DOC); // twice is harmless
  }

  @Test
  void aDeletedBlobIsGone() throws Exception {
    repository().writePending(USER, DOC, out -> out.write(bytes(10)));
    repository().commitBlob(USER, DOC);
    another().deleteBlob(USER, DOC);

    assertThat(repository().openBlob(USER, DOC)).isEmpty();
    assertThat(repository().listBlobs(USER)).isEmpty();
    repository().deleteBlob(USER, DOC); // twice is harmless
  }

  @Test
  void listingForRecoveryShowsPendingAndCommittedBlobsOfOneVaultOnly() throws Exception {
    String other = "d_zzzzzzzzzz0123456789zz";
    repository().writePending(USER, DOC, out -> out.write(bytes(1)));
    repository().commitBlob(USER, DOC);
    repository().writePending(USER, other, out -> out.write(bytes(2)));
    repository().writePending("u_someoneelse", DOC, out -> out.write(bytes(3)));

    assertThat(repository().listBlobs(USER))
        .containsExactlyInAnyOrder(new BlobEntry(DOC, false), new BlobEntry(other, true));
  }

  @Test
  void whatWasNeverWrittenIsEmpty() throws Exception {
    assertThat(repository().readDocument(USER, "manifest")).isEmpty();
    assertThat(repository().openBlob(USER, DOC)).isEmpty();
    assertThat(repository().listBlobs(USER)).isEmpty();
  }

  @Test
  void aDocumentIsReplacedWhole() throws Exception {
    repository().replaceDocument(USER, "manifest", "first".getBytes(StandardCharsets.UTF_8));
    repository().replaceDocument(USER, "manifest", "2nd".getBytes(StandardCharsets.UTF_8));
    repository().replaceDocument(USER, "records", "other".getBytes(StandardCharsets.UTF_8));

    assertThat(another().readDocument(USER, "manifest"))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .contains("2nd");
    assertThat(another().readDocument(USER, "records"))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .contains("other");
    assertThat(another().readDocument("u_someoneelse", "manifest")).isEmpty();
  }

  @Test
  void everyReplacementIsANewVersion() throws Exception {
    assertThat(repository().documentVersion(USER, "manifest")).isEmpty();
    repository().replaceDocument(USER, "manifest", "first".getBytes(StandardCharsets.UTF_8));
    String first = repository().documentVersion(USER, "manifest").orElseThrow();
    assertThat(another().documentVersion(USER, "manifest")).contains(first);
    another().replaceDocument(USER, "manifest", "first".getBytes(StandardCharsets.UTF_8));
    assertThat(repository().documentVersion(USER, "manifest").orElseThrow()).isNotEqualTo(first);
  }

  @Test
  void concurrentReplacesFromTwoHandlesLeaveOneWholeVersion() throws Exception {
    VaultRepository first = repository();
    VaultRepository second = another();
    byte[] a = new byte[100_000];
    byte[] b = new byte[100_000];
    Arrays.fill(a, (byte) 'a');
    Arrays.fill(b, (byte) 'b');
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      VaultRepository handle = i % 2 == 0 ? first : second;
      byte[] content = i % 2 == 0 ? a : b;
      tasks.add(
          () -> {
            for (int n = 0; n < 10; n++) {
              handle.replaceDocument(USER, "manifest", content);
              Optional<byte[]> seen = handle.readDocument(USER, "manifest");
              assertThat(seen).isPresent();
              assertThat(seen.get())
                  .satisfiesAnyOf(s -> assertThat(s).isEqualTo(a), s -> assertThat(s).isEqualTo(b));
            }
            return null;
          });
    }
    ContractSupport.runTogether(tasks);

    assertThat(first.readDocument(USER, "manifest").orElseThrow())
        .satisfiesAnyOf(s -> assertThat(s).isEqualTo(a), s -> assertThat(s).isEqualTo(b));
  }

  @Test
  void vaultsAndTheirDocumentsAreListedForCopying() throws Exception {
    assertThat(repository().vaultIds()).isEmpty();
    repository().replaceDocument(USER, "manifest", new byte[] {1});
    repository().replaceDocument(USER, "records", new byte[] {2});
    repository().replaceDocument("u_someoneelse", "manifest", new byte[] {3});

    assertThat(another().vaultIds()).containsExactly("u_contract", "u_someoneelse");
    assertThat(another().documentNames(USER)).containsExactly("manifest", "records");
    assertThat(another().documentNames("u_nobody")).isEmpty();
  }

  @Test
  void namesThatCouldLeaveTheVaultAreRefused() {
    assertThatThrownBy(() -> repository().readDocument("../x", "manifest"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> repository().readDocument(USER, "../manifest"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> repository().openBlob(USER, "../d_x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void aDeletedVaultHoldsNothingAndDeletingTwiceIsHarmless() throws Exception {
    repository().replaceDocument(USER, "manifest", bytes(10));
    repository().replaceDocument(USER, "records", bytes(10));
    repository().writePending(USER, DOC, out -> out.write(bytes(10)));
    repository().commitBlob(USER, DOC);
    repository().deleteDocument(USER, "manifest");
    org.assertj.core.api.Assertions.assertThat(repository().readDocument(USER, "manifest"))
        .isEmpty();
    repository().deleteVault(USER);
    repository().deleteVault(USER);
    repository().deleteDocument(USER, "records");
    org.assertj.core.api.Assertions.assertThat(repository().readDocument(USER, "records"))
        .isEmpty();
    org.assertj.core.api.Assertions.assertThat(repository().openBlob(USER, DOC)).isEmpty();
    org.assertj.core.api.Assertions.assertThat(repository().listBlobs(USER)).isEmpty();
  }
}
