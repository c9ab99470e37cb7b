package org.semptify.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one check for a user-supplied return path ({@code next=...}) before it goes into a {@code
 * Location} header: it must be a path on this site, and anything a browser could read as another
 * site falls back to {@code /}.
 */
public final class LocalPath {
  public static final String ROOT = "/";

  private LocalPath() {}

  /**
   * {@code candidate} when it is an absolute path on this site, else {@code /}. Refused: a control
   * character anywhere (browsers drop tabs and line breaks, so {@code /<TAB>/evil.example} reads as
   * {@code //evil.example}), a backslash (read as a slash), whitespace, anything that is not a
   * well-formed URI reference, and a reference with a scheme or an authority ({@code //host}).
   */
  public static String orRoot(String candidate) {
    if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//")) {
      return ROOT;
    }
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (Character.isISOControl(c)
          || Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || c == '\\') {
        return ROOT;
      }
    }
    URI uri;
    try {
      uri = new URI(candidate);
    } catch (URISyntaxException e) {
      return ROOT;
    }
    if (uri.getScheme() != null
        || uri.getRawAuthority() != null
        || uri.isOpaque()
        || uri.getRawPath() == null
        || !uri.getRawPath().startsWith("/")
        || uri.getRawPath().startsWith("//")) {
      return ROOT;
    }
    return candidate;
  }
}
