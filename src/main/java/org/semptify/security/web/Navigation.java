package org.semptify.security.web;

import io.javalin.http.Context;
import java.net.URI;

/**
 * Where a request came from, as the browser reports it: {@code Sec-Fetch-Site} when present (every
 * current browser sends it), else the {@code Origin} or {@code Referer} compared with the {@code
 * Host} the request was sent to. A request with none of them (typed, bookmarked, or a program) is
 * direct.
 */
public final class Navigation {
  private Navigation() {}

  /** True unless the request came from this site itself or directly from the user. */
  public static boolean crossSite(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null) {
      // same-site (a sibling subdomain) is another site here: it may be someone else's.
      return !site.equals("same-origin") && !site.equals("none");
    }
    String origin = ctx.header("Origin");
    if (origin != null) {
      return !sameHost(origin, ctx.header("Host"));
    }
    String referer = ctx.header("Referer");
    if (referer != null) {
      return !sameHost(referer, ctx.header("Host"));
    }
    return false;
  }

  private static boolean sameHost(String url, String host) {
    if (host == null) {
      return false;
    }
    try {
      String authority = new URI(url.strip()).getRawAuthority();
      return authority != null && asciiLowerCase(authority).equals(asciiLowerCase(host.strip()));
    } catch (java.net.URISyntaxException e) {
      return false; // "null" origins and garbage are not this site
    }
  }

  /** Host names compare case-insensitively in ASCII only, whatever the JVM's locale rules. */
  private static String asciiLowerCase(String name) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
