package org.semptify.web;

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
 * @param area the navigation section the page belongs to: admin, vault, documents, records, help,
 *     more, or empty
 * @param safetyTip whether to show the one-line safety tip (the first page of a visit)
 * @param returnTo the address (path and query) the language switcher brings the visitor back to;
 *     null on a page that answers a form (a one-time token, a new share link, what was typed),
 *     which no address can show again, so switching language there would lose it
 */
public record PageContext(
    SecurityMode securityMode,
    String requestId,
    String csrfToken,
    Translator text,
    String path,
    Notice notice,
    String area,
    boolean safetyTip,
    String returnTo) {
  public String modeLabel() {
    return securityMode.name();
  }

  /**
   * The security mode is operator vocabulary: shown on admin pages, and on every page when it is
   * OPEN (nothing is protected, which everyone must know).
   */
  public boolean showModeBanner() {
    return area.equals("admin") || securityMode != SecurityMode.ENFORCED;
  }

  /** {@code "page"} when this page is in navigation section {@code section}, else null. */
  public String current(String section) {
    return area.equals(section) ? "page" : null;
  }

  /** A stored enumeration in the visitor's language (see {@link Translator#label}). */
  public String label(String group, String value) {
    return text.label(group, value);
  }

  public String description(String category, String description) {
    return text.description(category, description);
  }

  public String size(long bytes) {
    return text.size(bytes);
  }

  public String date(String iso) {
    return text.date(iso);
  }

  public String dateTime(long epochSeconds) {
    return text.dateTime(epochSeconds);
  }

  public String money(long cents) {
    return text.money(cents);
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
        + URLEncoder.encode(returnTo == null ? path : returnTo, StandardCharsets.UTF_8);
  }

  /** Whether switching language here can bring the visitor back to what this page shows. */
  public boolean languageSwitchable() {
    return returnTo != null;
  }

  public Language[] languages() {
    return Language.values();
  }

  public boolean is(Language language) {
    return text.language() == language;
  }
}
