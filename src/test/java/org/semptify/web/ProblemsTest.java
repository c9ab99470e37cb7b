package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.semptify.i18n.Message;
import org.semptify.i18n.Messages;

/** The one validation style: its rules, and the order and status of what it reports. */
class ProblemsTest {
  private final Messages messages = Messages.load();

  @Test
  void theFirstMessageForAFieldWinsAndTheOrderIsKept() {
    Problems problems = Problems.collect();
    problems.required("name", "", Message.of("validation.nameRequired")).maxLength("name", "", 5);
    problems.maxLength("notes", "x".repeat(6), 5);
    problems.add("notes", Message.of("validation.email"));
    assertThat(problems.fields().keySet()).containsExactly("name", "notes");
    assertThat(problems.get("name")).isEqualTo(Message.of("validation.nameRequired"));
    assertThat(messages.english(problems.get("notes"))).isEqualTo("Keep this under 5 characters.");
    assertThat(problems.status()).isEqualTo(400);
    assertThat(problems.first()).isEqualTo(Message.of("validation.nameRequired"));
  }

  @Test
  void lengthsCountCharactersAsAPersonDoes() {
    String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
    assertThat(Problems.collect().maxLength("title", emoji.repeat(200), 200).isEmpty()).isTrue();
    assertThat(Problems.collect().maxLength("title", emoji.repeat(201), 200).has("title")).isTrue();
  }

  @Test
  void firstOnlyKeepsTheFirstProblemAndItsStatus() {
    Problems problems = Problems.firstOnly();
    problems.notFound("related_doc_id", Message.of("validation.relatedNotFound"));
    problems.maxLength("notes", "x".repeat(3000), 2000);
    problems.optionalDate("date", "2026-02-30");
    assertThat(problems.fields()).containsOnlyKeys("related_doc_id");
    assertThat(problems.status()).isEqualTo(404);

    Problems later = Problems.firstOnly();
    later.add("court_name", Message.of("validation.filingRequired"));
    later.notFound("related_doc_id", Message.of("validation.relatedNotFound"));
    assertThat(later.status()).isEqualTo(400);
    assertThat(later.fields()).containsOnlyKeys("court_name");
  }

  @Test
  void datesAreRealCalendarDates() {
    assertThat(Problems.isDate("2026-03-31")).isTrue();
    assertThat(Problems.isDate("2026-02-30")).isFalse();
    assertThat(Problems.isDate("31/03/2026")).isFalse();
    assertThat(Problems.collect().optionalDate("date", "").isEmpty()).isTrue();
    assertThat(Problems.collect().optionalDate("date", "2026-13-01").get("date"))
        .isEqualTo(Problems.BAD_DATE);
  }
}
