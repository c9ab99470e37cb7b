package org.semptify.server;

import org.semptify.config.SecurityMode;

/**
 * What every page's layout needs to know about the request it is rendered for.
 *
 * @param csrfToken the token every form on the page must carry as {@code csrf_token}
 */
public record PageContext(SecurityMode securityMode, String requestId, String csrfToken) {
  public String modeLabel() {
    return securityMode.name();
  }

  public String modeClass() {
    return "mode-" + securityMode.wireName();
  }
}
