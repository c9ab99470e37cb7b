package org.semptify.records;

/**
 * One logbook entry: something that happened or will happen.
 *
 * @param time HH:mm, or null for an all-day entry
 * @param linkedDocId the vault document this entry was made for, or null
 * @param source "manual", or what created it automatically (a saved document, a service, a filing)
 */
public record LogEvent(
    String id,
    String date,
    String time,
    String title,
    String type,
    String location,
    String people,
    String notes,
    String linkedDocId,
    String source) {
  private static final java.util.regex.Pattern SERVED =
      java.util.regex.Pattern.compile(
          "Notice served \\((.+?)\\) to (.*)", java.util.regex.Pattern.DOTALL);
  private static final java.util.regex.Pattern FILED =
      java.util.regex.Pattern.compile(
          "Filed with (.*) \\(([a-z_]+)\\)", java.util.regex.Pattern.DOTALL);

  /**
   * The title in the reader's language. Titles Semptify wrote itself are stored in English (the
   * JSON API's text); they are shown translated, with the tenant's own words left as typed.
   */
  public String title(org.semptify.i18n.Translator t) {
    if (source == null || source.equals("manual")) {
      return title;
    }
    if (title.endsWith(" saved")) {
      String what = title.substring(0, title.length() - " saved".length());
      String shown = t.description(source, what);
      if (!shown.equals(what) || t.language() == org.semptify.i18n.Language.EN) {
        return t.t("auto.saved", shown);
      }
    }
    java.util.regex.Matcher served = SERVED.matcher(title);
    if (source.equals("certified_post") && served.matches()) {
      return t.t(
          "auto.served", t.label("service", served.group(1).replace(' ', '_')), served.group(2));
    }
    java.util.regex.Matcher filed = FILED.matcher(title);
    if (source.equals("court_clerk_filing") && filed.matches()) {
      return t.t("auto.filed", filed.group(1), t.label("status", filed.group(2)));
    }
    return title;
  }
}
