package org.semptify.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.semptify.config.SecurityMode;
import org.semptify.i18n.Language;
import org.semptify.i18n.Message;
import org.semptify.i18n.Translator;

/**
 * What every page's layout needs to know about the request it is rendered for.
 *
 * @param csrfToken the token every form on the page must carry as {@code csrf_token}
 * @param text the visitor's language and its messages
 * @param path the page's own path, for the language switcher to return to
 * @param notice what the visitor's last action did, said at the top of this page; or null
 */
public record PageContext(
    SecurityMode securityMode,
    String requestId,
    String csrfToken,
    Translator text,
    String path,
    Notice notice) {
  public String modeLabel() {
    return securityMode.name();
  }

  public String modeClass() {
    return "mode-" + securityMode.wireName();
  }

  /** The message {@code key} in the visitor's language. */
  public String t(String key, Object... args) {
    return text.t(key, args);
  }

  /** A message a handler or validator produced, in the visitor's language. */
  public String t(Message message) {
    return text.t(message);
  }

  public String lang() {
    return text.language().code();
  }

  /** The link that switches to {@code language} and comes back to this page. */
  public String switchTo(Language language) {
    return "/language?lang="
        + language.code()
        + "&next="
        + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  public Language[] languages() {
    return Language.values();
  }

  public boolean is(Language language) {
    return text.language() == language;
  }
}
