package org.semptify.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.Share;
import org.semptify.store.StateFileAccess;

/** {@link StateFileAccess} on files: the locks of {@link LockedJsonFile}, the stores' codecs. */
public final class FileStateAccess implements StateFileAccess {
  private final ObjectMapper json;

  public FileStateAccess(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public List<byte[]> readTogether(List<Path> files) throws IOException {
    return LockedJsonFile.readTogether(files.stream().map(LockedJsonFile::new).toList());
  }

  @Override
  public List<String> userIds(byte[] usersJson) {
    UserCodec codec = new UserCodec();
    List<String> ids = new ArrayList<>();
    int[] index = {0};
    new EntryFileFormat(json, "users", false)
        .parse(usersJson, entry -> ids.add(codec.read(entry, index[0]++).id()));
    return ids;
  }

  @Override
  public int adminTokenCount(byte[] adminTokensJson) {
    AdminTokenCodec codec = new AdminTokenCodec();
    int[] count = {0};
    new EntryFileFormat(json, "tokens", true)
        .parse(
            adminTokensJson,
            entry -> {
              codec.read(entry, count[0]);
              count[0]++;
            });
    return count[0];
  }

  @Override
  public Share share(byte[] shareJson) {
    try {
      Share share = json.readValue(shareJson, Share.class);
      if (share.shareId() == null || share.userId() == null || share.hash() == null) {
        throw new InvalidStateFileException("is not a share");
      }
      return share;
    } catch (IOException e) {
      throw new InvalidStateFileException("does not parse as JSON");
    }
  }
}
