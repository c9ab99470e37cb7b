package org.semptify.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.semptify.ops.CheckResult;
import org.semptify.ops.EventLog;
import org.semptify.store.UserAccount;
import org.semptify.store.UserRepository;

/**
 * {@code security/users.json}: one JSON array, written compactly (one account per line), shared
 * with the command line under a lock file; see {@link EntryFile} for reloading and failing closed.
 */
public final class FileUserRepository implements UserRepository {
  private static final UserCodec CODEC = new UserCodec();

  private final EntryFile<UserAccount> file;

  public FileUserRepository(Path usersFile, ObjectMapper json, EventLog events) {
    this.file =
        new EntryFile<>(
            new LockedJsonFile(usersFile),
            new EntryFileFormat(json, "users", false),
            CODEC,
            events,
            users -> {});
  }

  @Override
  public Optional<UserAccount> findByHash(String hash) {
    return file.byHash(hash);
  }

  @Override
  public Optional<UserAccount> findById(String id) {
    return file.byId(id);
  }

  @Override
  public List<UserAccount> list() {
    return file.list();
  }

  @Override
  public void addAll(List<UserAccount> accounts) {
    file.append(accounts);
  }

  @Override
  public UserAccount update(String id, UnaryOperator<UserAccount> change) {
    return file.replaceOne(id, change);
  }

  @Override
  public boolean delete(String id) {
    return file.update(
        users -> {
          List<UserAccount> kept = new java.util.ArrayList<>(users.size());
          for (UserAccount user : users) {
            if (!user.id().equals(id)) {
              kept.add(user);
            }
          }
          return kept.size() == users.size() ? null : kept;
        });
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
}
