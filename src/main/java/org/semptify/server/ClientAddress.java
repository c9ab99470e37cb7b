package org.semptify.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is on the other end: the socket peer, unless {@code SEMPTIFY_TRUST_PROXY} says that N reverse
 * proxies stand in front of us. Each proxy appends the address it received from to {@code
 * X-Forwarded-For}, so with N trusted hops the client is the N-th entry from the right; entries
 * further left were written by the client and are ignored.
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
