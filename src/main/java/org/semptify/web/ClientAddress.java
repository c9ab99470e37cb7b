package org.semptify.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is on the other end: the socket peer, unless {@code SEMPTIFY_TRUST_PROXY} says that N reverse
 * proxies stand in front of us. Each proxy appends the address it received from to {@code
 * X-Forwarded-For}, so with N trusted hops the client is the N-th entry from the right; entries
 * further left were written by the client and are ignored. {@code X-Forwarded-Proto} and {@code
 * X-Forwarded-Host} are read by the same rule, and not at all when no proxy is trusted.
 */
public final class ClientAddress {
  private final int trustedHops;

  public ClientAddress(int trustedHops) {
    this.trustedHops = trustedHops;
  }

  public boolean trustsProxy() {
    return trustedHops > 0;
  }

  public String clientIp(String socketPeer, List<String> forwardedFor) {
    String forwarded = pick(forwardedFor);
    return forwarded == null ? socketPeer : forwarded;
  }

  /** The scheme the client used: the trusted {@code X-Forwarded-Proto}, else the socket's. */
  public String scheme(String socketScheme, List<String> forwardedProto) {
    String forwarded = pick(forwardedProto);
    if (forwarded != null
        && (forwarded.equalsIgnoreCase("https") || forwarded.equalsIgnoreCase("http"))) {
      return forwarded.toLowerCase(java.util.Locale.ROOT);
    }
    return socketScheme;
  }

  /**
   * The host the client asked for as our trusted proxies report it ({@code X-Forwarded-Host}, by
   * the same hop rule as the other forwarded headers), or null when no proxy is trusted or the
   * header did not come through them.
   */
  public String forwardedHost(List<String> forwardedHost) {
    return pick(forwardedHost);
  }

  private String pick(List<String> headerValues) {
    if (trustedHops == 0 || headerValues == null || headerValues.isEmpty()) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    for (String value : headerValues) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          entries.add(part.strip());
        }
      }
    }
    if (entries.size() < trustedHops) {
      return null; // fewer hops than configured: the header did not come through our proxies
    }
    return entries.get(entries.size() - trustedHops);
  }
}
