package org.semptify.server;

import org.semptify.config.SecurityMode;

/** What every page's layout needs to know about the request it is rendered for. */
public record PageContext(SecurityMode securityMode, String requestId) {
  public String modeLabel() {
    return securityMode.name();
  }

  public String modeClass() {
    return "mode-" + securityMode.wireName();
  }
}
