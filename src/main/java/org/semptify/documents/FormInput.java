package org.semptify.documents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person typed into a form, cleaned of control characters (tabs and line breaks stay; CRLF
 * becomes LF) but otherwise exactly as typed, so that a failed save can show it back unchanged.
 */
public final class FormInput {
  private final Map<String, List<String>> values;

  private FormInput(Map<String, List<String>> values) {
    this.values = values;
  }

  public static FormInput of(Map<String, List<String>> raw) {
    Map<String, List<String>> clean = new HashMap<>();
    raw.forEach((name, list) -> clean.put(name, list.stream().map(FormInput::clean).toList()));
    return new FormInput(Map.copyOf(clean));
  }

  static String clean(String value) {
    return value
        .replace("\r\n", "\n")
        .replace('\r', '\n')
        .replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
  }

  /** The field's value as typed, or "" when absent. */
  public String value(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? "" : list.get(0);
  }

  /** The field's value without surrounding white space. */
  public String trimmed(String name) {
    return value(name).strip();
  }

  /** Every value of a field that may repeat (check boxes, document choices). */
  public List<String> values(String name) {
    List<String> list = values.get(name);
    return list == null ? List.of() : list;
  }
}
