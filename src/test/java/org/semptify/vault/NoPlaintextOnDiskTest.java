package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.testing.Multipart;
import org.semptify.testing.TestServer;
import org.semptify.testing.VaultUser;

/** An operator with the whole data root reads nothing but sizes. */
class NoPlaintextOnDiskTest {
  @TempDir Path root;

  @Test
  void neitherContentNorNameNorDescriptionIsStoredInTheClear() throws Exception {
    String marker = "MARKER-7f3a9c-eviction-notice-content";
    String name = "landlord-letter-UNIQUE-NAME-55.txt";
    String description = "DESCRIPTION-SECRET-1234";
    String token;
    try (TestServer server = TestServer.start(root)) {
      VaultUser user = VaultUser.register(server);
      token = user.token();
      user.upload(
          new Multipart()
              .field("description", description)
              .file("file", name, (marker + "\n").repeat(1000).getBytes()));
      user.uploadFile("second-" + name, marker.getBytes());
      assertThat(VaultUser.json(user.get("/api/vault").body()).get("documents")).hasSize(2);
    }
    List<byte[]> needles =
        List.of(marker, name, description, token, "landlord-letter").stream()
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .toList();
    for (String folder : new String[] {"uploads", "security", "logs"}) {
      try (Stream<Path> files = Files.walk(root.resolve(folder))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          byte[] bytes = Files.readAllBytes(file);
          for (byte[] needle : needles) {
            if (folder.equals("logs")
                && !new String(needle).equals(token)
                && !new String(needle).equals(marker)) {
              continue; // logs may name nothing secret; the content and the token are the point
              // here
            }
            assertThat(indexOf(bytes, needle))
                .as(file + " contains " + new String(needle))
                .isEqualTo(-1);
          }
        }
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
