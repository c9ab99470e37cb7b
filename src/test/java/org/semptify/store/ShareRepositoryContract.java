package org.semptify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.store.ContractSupport.eventually;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semptify.crypto.Tokens;

/**
 * What every {@link ShareRepository} must do. A subclass per implementation supplies fresh, empty
 * storage and a second handle on it.
 */
public abstract class ShareRepositoryContract {
  private ShareRepository repository;

  /** A repository on fresh, empty storage; called once per test. */
  protected abstract ShareRepository create() throws Exception;

  /** A second, independent repository on the storage {@link #create()} made last. */
  protected abstract ShareRepository another() throws Exception;

  @BeforeEach
  void createRepository() throws Exception {
    repository = create();
  }

  protected ShareRepository repository() {
    return repository;
  }

  protected static Share share(String shareId, String userId) {
    return new Share(
        shareId,
        userId,
        Tokens.hash("token of " + shareId),
        "c2FsdA==",
        "d3JhcHBlZA==",
        1_700_000_000L,
        1_700_086_400L,
        List.of("d_one", "d_two"));
  }

  @Test
  void aStoredShareIsFoundWhole() throws Exception {
    Share share = share("s_abcdefghij0123456789", "u_owner");
    repository.put(share);
    assertThat(repository.find(share.shareId())).hasValue(share);
    eventually(() -> share.equals(findElsewhere(share.shareId())));
  }

  @Test
  void unknownAndMalformedIdsFindNothing() {
    repository.put(share("s_abcdefghij0123456789", "u_owner"));
    assertThat(repository.find("s_00000000000000000000")).isEmpty();
    assertThat(repository.find("../s_abcdefghij0123456789")).isEmpty();
    assertThat(repository.find("")).isEmpty();
    assertThat(repository.find(null)).isEmpty();
  }

  @Test
  void onlyTheOwnerDeletesAndADeletedShareIsGoneEverywhere() throws Exception {
    Share share = share("s_abcdefghij0123456789", "u_owner");
    Share other = share("s_zzzzzzzzzz0123456789", "u_owner");
    repository.put(share);
    repository.put(other);

    assertThat(repository.deleteOwned("u_someone_else", share.shareId())).isFalse();
    assertThat(repository.find(share.shareId())).hasValue(share);

    assertThat(repository.deleteOwned("u_owner", share.shareId())).isTrue();
    assertThat(repository.find(share.shareId())).isEmpty();
    assertThat(another().find(share.shareId())).isEmpty();
    assertThat(repository.deleteOwned("u_owner", share.shareId())).isFalse();
    assertThat(repository.find(other.shareId())).hasValue(other);
  }

  private Share findElsewhere(String shareId) {
    try {
      return another().find(shareId).orElse(null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSharesOfOneOwnerAreListedByIdAndNoOtherOwners() {
    repository.put(share("s_abcdefghij0123456789", "u_owner"));
    repository.put(share("s_bbcdefghij0123456789", "u_owner"));
    repository.put(share("s_cbcdefghij0123456789", "u_other"));
    assertThat(repository.idsOwnedBy("u_owner"))
        .containsExactlyInAnyOrder("s_abcdefghij0123456789", "s_bbcdefghij0123456789");
    assertThat(repository.idsOwnedBy("u_nobody")).isEmpty();
    assertThat(repository.allIds())
        .containsExactlyInAnyOrder(
            "s_abcdefghij0123456789", "s_bbcdefghij0123456789", "s_cbcdefghij0123456789");
  }
}
