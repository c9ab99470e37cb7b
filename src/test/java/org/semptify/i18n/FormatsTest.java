package org.semptify.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sizes, dates and amounts as each language writes them (issue 16, items 7 and 14). */
class FormatsTest {
  @Test
  void sizesAreInWords() {
    assertThat(Formats.size(Language.EN, 812)).isEqualTo("812 bytes");
    assertThat(Formats.size(Language.EN, 349_184)).isEqualTo("341 KB");
    assertThat(Formats.size(Language.EN, 36 * 1024)).isEqualTo("36 KB");
    assertThat(Formats.size(Language.EN, 2L * 1024 * 1024 * 1024)).isEqualTo("2 GB");
    assertThat(Formats.size(Language.EN, 1_572_864)).isEqualTo("1.5 MB");
    assertThat(Formats.size(Language.ES, 1_572_864)).isEqualTo("1,5 MB");
  }

  @Test
  void datesAreInThePagesLanguage() {
    assertThat(Formats.date(Language.EN, "2026-11-02")).isEqualTo("Nov 2, 2026");
    assertThat(Formats.date(Language.ES, "2026-11-02")).isEqualTo("2 nov 2026");
    assertThat(Formats.date(Language.ES, "2026-11-02T23:59:59Z")).isEqualTo("2 nov 2026");
    assertThat(Formats.date(Language.EN, "not a date")).isEqualTo("not a date");
  }

  @Test
  void amountsAreShownAndReadInThePagesConvention() {
    assertThat(Formats.money(Language.EN, 125050)).isEqualTo("$1,250.50");
    assertThat(Formats.money(Language.ES, 125050)).isEqualTo("1.250,50 $");
    assertThat(Formats.money(Language.ES, -1200)).isEqualTo("-12,00 $");
    assertThat(Formats.parseMoney(Language.ES, "1.250,50")).isEqualTo(125050);
    assertThat(Formats.parseMoney(Language.ES, "1250,5")).isEqualTo(125050);
    assertThat(Formats.parseMoney(Language.ES, "1.250")).isEqualTo(125000);
    assertThat(Formats.parseMoney(Language.ES, "1.250,50 $")).isEqualTo(125050);
    assertThat(Formats.parseMoney(Language.ES, "1250.50")).isEqualTo(125050);
    assertThat(Formats.parseMoney(Language.ES, "1.2,5")).isEqualTo(-1);
    assertThat(Formats.parseMoney(Language.EN, "$1,250.50")).isEqualTo(125050);
    // English, and the JSON API, accept exactly what they accepted before.
    assertThat(Formats.parseMoney("1.250,50")).isEqualTo(-1);
    assertThat(Formats.parseMoney("1,2")).isEqualTo(-1);
    assertThat(Formats.parseMoney("1250.505")).isEqualTo(-1);
  }
}
