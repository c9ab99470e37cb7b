package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one safe-return-path check, against many hostile inputs (seeded, so failures replay). */
class LocalPathTest {
  static final List<String> NASTY =
      List.of(
          "/\t/evil.example",
          "/\n/evil.example",
          "/\r\n/evil.example",
          "\t//evil.example",
          "//evil.example",
          "///evil.example",
          "/\\evil.example",
          "\\\\evil.example",
          "/\\/evil.example",
          "https://evil.example/",
          "HTTPS://evil.example",
          "javascript:alert(1)",
          "/ /evil.example",
          "/\u0000/evil.example",
          "/\u007f/evil.example",
          "/\u00a0/evil.example",
          "/\u2028/evil.example",
          "/\u3000/evil.example",
          " /evil",
          "evil.example",
          "",
          "/%",
          "/vault\r\nSet-Cookie: x=1");

  private static final String[] PIECES = {
    "/",
    "//",
    "\\",
    "\t",
    "\n",
    "\r",
    " ",
    "\u0000",
    "\u001f",
    "\u007f",
    "\u0085",
    "\u00a0",
    "\u2028",
    "\u3000",
    "\ufeff",
    "evil.example",
    "https:",
    "javascript:",
    "%09",
    "%2F",
    "%5C",
    ":",
    "@",
    "?",
    "#",
    ".",
    "..",
    "vault",
    "ñ",
    "%"
  };

  @Test
  void knownAttacksFallBackToTheHomePage() {
    for (String next : NASTY) {
      assertThat(LocalPath.orRoot(next)).as(escape(next)).isEqualTo("/");
    }
    assertThat(LocalPath.orRoot(null)).isEqualTo("/");
  }

  @Test
  void localPathsAreKept() {
    for (String next :
        List.of(
            "/",
            "/register",
            "/vault?new=abc",
            "/resources/witness_statement#top",
            "/%2F%2Fevil.example",
            "/vault/b%C3%B3veda",
            "/ñ")) {
      assertThat(LocalPath.orRoot(next)).isEqualTo(next);
    }
  }

  @Test
  void whateverComesInABrowserStaysOnThisSite() {
    Random random = new Random(20261130L);
    URI base = URI.create("https://semptify.test/some/page");
    for (int run = 0; run < 20_000; run++) {
      StringBuilder input = new StringBuilder();
      for (int n = 1 + random.nextInt(8); n > 0; n--) {
        input.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String next = input.toString();
      String safe = LocalPath.orRoot(next);
      if (safe.equals("/")) {
        continue;
      }
      assertThat(safe).as(escape(next)).isEqualTo(next).startsWith("/").doesNotStartWith("//");
      // What a browser does first: drop tabs and line breaks, read backslashes as slashes.
      assertThat(safe.chars())
          .as(escape(next))
          .noneMatch(c -> c < 0x21 || c == 0x7f || c == '\\' || Character.isSpaceChar(c));
      URI resolved = base.resolve(URI.create(safe));
      assertThat(resolved.getHost()).as(escape(next)).isEqualTo("semptify.test");
      assertThat(resolved.getScheme()).isEqualTo("https");
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.chars()
        .forEach(
            c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c + ""));
    return out.toString();
  }
}
