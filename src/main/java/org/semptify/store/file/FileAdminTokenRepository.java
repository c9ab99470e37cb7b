package org.semptify.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.semptify.ops.CheckResult;
import org.semptify.ops.EventField;
import org.semptify.ops.EventLog;
import org.semptify.ops.EventType;
import org.semptify.ops.Payload;
import org.semptify.store.AdminToken;
import org.semptify.store.AdminTokenRepository;
import org.semptify.store.DuplicateEntryException;

/**
 * {@code security/admin_tokens.json}: the canonical JSON array, indented for operators who edit it
 * by hand, and the original Semptify's shapes on read (plaintext entries are reported with a {@code
 * plaintext_token_in_file} event and hashed by the next write). Shared with the command line under
 * a lock file; see {@link EntryFile} for reloading and failing closed.
 */
public final class FileAdminTokenRepository implements AdminTokenRepository {
  private static final AdminTokenCodec CODEC = new AdminTokenCodec();

  private final EntryFile<AdminToken> file;

  public FileAdminTokenRepository(Path tokensFile, ObjectMapper json, EventLog events) {
    this.file =
        new EntryFile<>(
            new LockedJsonFile(tokensFile),
            new EntryFileFormat(json, "tokens", true),
            CODEC,
            events,
            this::warnAboutPlaintext);
  }

  @Override
  public Optional<AdminToken> findByHash(String hash) {
    return file.byHash(hash);
  }

  @Override
  public Optional<AdminToken> findById(String id) {
    return file.byId(id);
  }

  @Override
  public List<AdminToken> list() {
    return file.list();
  }

  @Override
  public void add(AdminToken token) {
    file.update(
        tokens -> {
          if (tokens.stream().anyMatch(t -> t.id().equals(token.id()))) {
            throw new DuplicateEntryException(
                "a token with id '" + token.id() + "' already exists");
          }
          List<AdminToken> updated = new ArrayList<>(tokens);
          updated.add(token);
          return updated;
        });
  }

  @Override
  public AdminToken update(String id, UnaryOperator<AdminToken> change) {
    return file.replaceOne(id, change);
  }

  @Override
  public int updateAll(UnaryOperator<AdminToken> change) {
    return file.replaceEach(change);
  }

  @Override
  public boolean consumeBreakglass(String id, long nowSeconds) {
    return file.replaceIf(
            id,
            token ->
                token.breakglass() && token.usable(nowSeconds) ? token.consumed(nowSeconds) : null)
        .isPresent();
  }

  @Override
  public String problem() {
    return file.problem();
  }

  @Override
  public String name() {
    return file.name();
  }

  @Override
  public CheckResult check() {
    return file.check();
  }

  private void warnAboutPlaintext(List<AdminToken> tokens) {
    long plaintext = tokens.stream().filter(AdminToken::plaintextInFile).count();
    if (plaintext > 0) {
      file.record(
          EventType.PLAINTEXT_TOKEN_IN_FILE,
          Payload.of(EventField.FILE, file.name()).with(EventField.COUNT, plaintext));
    }
  }
}
