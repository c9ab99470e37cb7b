package org.semptify.documents;

import java.util.Locale;
import java.util.Set;
import org.semptify.i18n.Message;

/**
 * A typed electronic signature: the name the signer typed ({@code sig_name}) and their consent to
 * sign electronically ({@code sig_consented}). Both are required to save.
 */
public record Signature(String name, boolean consented) {
  public static final Message REQUIRED = Message.of("validation.signature");
  private static final Set<String> YES = Set.of("on", "yes", "true", "1");
  static final int MAX_NAME = 200;

  public static Signature from(FormInput input) {
    String consent = input.trimmed("sig_consented").toLowerCase(Locale.ROOT);
    return new Signature(input.trimmed("sig_name"), YES.contains(consent));
  }

  /**
   * The name as a document shows it: the typed name, or "[your typed name]" in a preview made
   * before it was typed (a saved document always has one: {@link #complete()}).
   */
  public String shownName(org.semptify.i18n.Translator t) {
    return name.isEmpty() ? t.t("form.sigPlaceholder") : name;
  }

  public boolean complete() {
    return consented && !name.isEmpty() && name.codePointCount(0, name.length()) <= MAX_NAME;
  }
}
