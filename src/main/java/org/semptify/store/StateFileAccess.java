package org.semptify.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The state files of a data root as a backup sees them: read together under the locks the server
 * and the command line take to change them, and parsed as the stores parse them, so that a backup
 * neither catches a file mid-change nor accepts one the server would refuse.
 */
public interface StateFileAccess {
  /**
   * The bytes of each file (null when it does not exist), all read while holding every file's lock
   * at once: one moment for all of them. The locks are held for the reads alone.
   */
  List<byte[]> readTogether(List<Path> files) throws IOException;

  /**
   * The account ids in a {@code users.json}.
   *
   * @throws InvalidStateFileException when the bytes are not a users file the server would load
   */
  List<String> userIds(byte[] usersJson);

  /**
   * The number of tokens in an {@code admin_tokens.json}.
   *
   * @throws InvalidStateFileException when the bytes are not a token file the server would load
   */
  int adminTokenCount(byte[] adminTokensJson);

  /**
   * A share file ({@code uploads/shares/<id>.json}).
   *
   * @throws InvalidStateFileException when the bytes are not a share the server would open
   */
  Share share(byte[] shareJson);
}
