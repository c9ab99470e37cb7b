package org.semptify.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A packet of 20 photos of ~5 MB each (100 MB of pictures) is written in a JVM whose whole heap is
 * 64 MB: possible only because the photos are streamed from the vault into the PDF and the PDF into
 * the vault, never held. The same packet collected in memory, as before, runs out of heap.
 */
class PacketMemoryTest {
  private static final String HEAP = "-Xmx64m";

  @TempDir Path folder;

  private record Run(int exit, String output) {}

  private Run probe(Path photo, String... mode) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                HEAP,
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                PacketMemoryProbe.class.getName(),
                photo.toString(),
                "20"));
    command.addAll(List.of(mode));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void twentyFiveMegabytePhotosFitInASixtyFourMegabyteHeap() throws Exception {
    byte[] photo = ExhibitSamples.noisyPhoto(5_000_000, 17);
    assertThat(photo.length).isBetween(4_000_000, 7_000_000);
    Path file = folder.resolve("photo.jpg");
    Files.write(file, photo);

    Run streamed = probe(file);
    assertThat(streamed.exit()).as(streamed.output()).isZero();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("written=(\\d+) photo=(\\d+) peakHeap=(\\d+)")
            .matcher(streamed.output());
    assertThat(m.find()).as(streamed.output()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isGreaterThan(20L * photo.length);
    System.out.printf(
        "packet of 20 x %.1f MB photos: %.1f MB PDF, peak heap %.1f MB (limit 64 MB)%n",
        photo.length / 1e6, Long.parseLong(m.group(1)) / 1e6, Long.parseLong(m.group(3)) / 1e6);

    Run inMemory = probe(file, "memory");
    assertThat(inMemory.exit()).as(inMemory.output()).isNotZero();
    assertThat(inMemory.output()).contains("OutOfMemoryError");
  }
}
