package org.semptify.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semptify.files.AtomicFiles;
import org.semptify.files.PrivateFiles;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.Share;
import org.semptify.store.ShareRepository;

/** {@code uploads/shares/<id>.json}: one file per live share (0600, written atomically). */
public final class FileShareRepository implements ShareRepository {
  /** Share ids as issued; anything else never reaches the file system. */
  private static final Pattern SHARE_ID = Pattern.compile("s_[a-z0-9]{20}");

  private final Path folder;
  private final ObjectMapper json;

  /**
   * @param uploads the data root's {@code uploads/}; shares live in its {@code shares/} folder
   */
  public FileShareRepository(Path uploads, ObjectMapper json) {
    this.folder = uploads.resolve("shares");
    this.json = json;
  }

  @Override
  public void put(Share share) {
    if (!SHARE_ID.matcher(share.shareId()).matches()) {
      throw new IllegalArgumentException("not a share id");
    }
    try {
      PrivateFiles.ownFolder(folder);
      AtomicFiles.write(
          file(share.shareId()), json.writeValueAsBytes(share), AtomicFiles.OWNER_ONLY);
    } catch (IOException e) {
      throw new StorageUnavailableException(e, folder);
    }
  }

  @Override
  public Optional<Share> find(String shareId) {
    if (shareId == null || !SHARE_ID.matcher(shareId).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          json.readValue(org.semptify.files.FileBytes.readAll(file(shareId)), Share.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean deleteOwned(String userId, String shareId) {
    Optional<Share> share = find(shareId);
    if (share.isEmpty() || !share.get().userId().equals(userId)) {
      return false;
    }
    try {
      Files.deleteIfExists(file(shareId));
    } catch (IOException e) {
      throw new StorageUnavailableException(e, folder);
    }
    AtomicFiles.fsyncDirectory(folder);
    return true;
  }

  @Override
  public List<String> idsOwnedBy(String userId) {
    return ids(share -> share.userId().equals(userId));
  }

  @Override
  public List<String> allIds() {
    return ids(share -> true);
  }

  private List<String> ids(java.util.function.Predicate<Share> wanted) {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return ids;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "s_*.json")) {
      for (Path file : files) {
        String name = AtomicFiles.nameOf(file);
        find(name.substring(0, name.length() - ".json".length()))
            .filter(wanted)
            .ifPresent(share -> ids.add(share.shareId()));
      }
    } catch (IOException e) {
      throw new StorageUnavailableException(e, folder);
    }
    return ids;
  }

  private Path file(String shareId) {
    return folder.resolve(shareId + ".json");
  }
}
