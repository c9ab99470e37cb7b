package org.semptify.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of display names, over hostile and random input. */
class FileNamesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../etc/passwd",
        "..\\..\\windows\\system32",
        "/absolute/path.txt",
        "..",
        ".",
        "...hidden",
        "name\u0000with-nul.txt",
        "line\nbreak.txt",
        "evil\u202Etxt.exe",
        "\u2066isolate\u2069.pdf",
        "   ",
        ""
      })
  void hostileNamesBecomeSafe(String raw) {
    assertSafe(FileNames.sanitise(raw));
  }

  @Test
  void pathPartsAreDropped() {
    assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileNames.sanitise("C:\\Users\\me\\photo.jpg")).isEqualTo("photo.jpg");
  }

  @Test
  void unicodeIsKept() {
    assertThat(FileNames.sanitise("Fotografía del baño 🏠.jpg"))
        .isEqualTo("Fotografía del baño 🏠.jpg");
    assertThat(FileNames.sanitise("عقد الإيجار.pdf")).isEqualTo("عقد الإيجار.pdf");
    assertThat(FileNames.sanitise("租约.pdf")).isEqualTo("租约.pdf");
    assertThat(FileNames.sanitise("family 👨‍👩‍👧.png")).contains("👨‍👩‍👧");
  }

  @Test
  void veryLongNamesAreCut() {
    String cut = FileNames.sanitise("a".repeat(5000) + ".txt");
    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(FileNames.MAX_LENGTH);
    String emoji = FileNames.sanitise("😀".repeat(500));
    assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(FileNames.MAX_LENGTH);
    assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 1))).isFalse();
  }

  static Stream<Arguments> randomNames() {
    Random random = new Random(20261127);
    int[] interesting = {
      '/', '\\', '.', 0, '\n', '\r', 0x202E, 0x200F, 0xFEFF, ' ', 'a', 'ñ', 0x1F3E0, 0x200D, 0x7F,
      ':'
    };
    return IntStream.range(0, 500)
        .mapToObj(
            i -> {
              StringBuilder name = new StringBuilder();
              int length = random.nextInt(300);
              for (int j = 0; j < length; j++) {
                int cp =
                    random.nextInt(4) == 0
                        ? random.nextInt(0x3000)
                        : interesting[random.nextInt(interesting.length)];
                name.appendCodePoint(cp);
              }
              return Arguments.of(name.toString());
            });
  }

  @ParameterizedTest
  @MethodSource("randomNames")
  void randomNamesAreAlwaysSafe(String raw) {
    assertSafe(FileNames.sanitise(raw));
  }

  private static void assertSafe(String name) {
    assertThat(name).isNotBlank().doesNotContain("/").doesNotContain("\\").doesNotStartWith(".");
    assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(FileNames.MAX_LENGTH);
    assertThat(name.codePoints().noneMatch(Character::isISOControl)).isTrue();
    assertThat(name.codePoints().noneMatch(cp -> cp >= 0x202A && cp <= 0x202E)).isTrue();
    assertThat(FileNames.asciiFallback(name)).matches("[\\x20-\\x7E]*").doesNotContain("\"");
  }
}
