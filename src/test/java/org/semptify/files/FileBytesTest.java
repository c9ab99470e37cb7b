package org.semptify.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semptify.store.file.LockedJsonFile;

class FileBytesTest {
  @TempDir Path dir;

  private static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }

  @Test
  void readsTheWholeFileExactly() throws Exception {
    byte[] content = new byte[3 * FileBytes.READ_BYTES + 17];
    new Random(5).nextBytes(content);
    Path file = dir.resolve("f.bin");
    Files.write(file, content);
    assertThat(FileBytes.readAll(file)).isEqualTo(content);
    Files.write(file, new byte[0]);
    assertThat(FileBytes.readAll(file)).isEmpty();
  }

  /** A large state file read by a thread leaves no file-sized native buffer behind in it. */
  @Test
  void aLargeStateFileLeavesNoFileSizedNativeBufferInTheReadingThread() throws Exception {
    Path users = dir.resolve("users.json");
    byte[] content = ("[" + "{\"id\":\"u\"},".repeat(1_000_000) + "{\"id\":\"v\"}]").getBytes();
    Files.write(users, content);
    AtomicLong grew = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // A fresh thread, whose cache of temporary buffers starts empty.
    Thread reader =
        new Thread(
            () -> {
              try {
                long before = directBytes();
                byte[] read = new LockedJsonFile(users).read().bytes();
                assertThat(read).hasSize(content.length);
                grew.set(directBytes() - before);
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    reader.start();
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(grew.get()).isLessThan(content.length / 4);
  }
}
