package org.semptify.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The message bundles: the same keys in every language, and every key a template uses. */
class MessagesTest {
  private final Messages messages = Messages.load();

  @Test
  void everyLanguageHasEveryKeyAndNoneIsEmpty() {
    Set<String> english = messages.keys(Language.EN);
    for (Language language : Language.values()) {
      assertThat(messages.keys(language)).as(language.code()).isEqualTo(english);
      for (String key : english) {
        assertThat(messages.get(language, key)).as(language.code() + " " + key).isNotBlank();
      }
    }
  }

  @Test
  void everyKeyATemplateUsesExists() throws IOException {
    Set<String> used = new TreeSet<>();
    // Whole literal keys only; keys built from a form's name are checked form by form below.
    Pattern call = Pattern.compile("page\\.t\\(\"([a-zA-Z0-9_.]+)\"\\s*[,)]");
    try (Stream<Path> templates = Files.list(Path.of("src/main/jte"))) {
      for (Path template : templates.toList()) {
        Matcher matcher = call.matcher(Files.readString(template));
        while (matcher.find()) {
          used.add(matcher.group(1));
        }
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(messages.keys(Language.EN)).containsAll(used);
  }

  @Test
  void everyFormFieldHintAndOptionHasItsText() {
    for (org.semptify.documents.TenantForm form : org.semptify.documents.TenantForms.all()) {
      String prefix = "forms." + form.name() + ".";
      for (Language language : Language.values()) {
        assertThat(messages.get(language, prefix + "title")).isNotBlank();
        assertThat(messages.get(language, prefix + "intro")).isNotBlank();
        for (org.semptify.documents.FormField field : form.fields()) {
          assertThat(messages.get(language, prefix + "field." + field.name())).isNotBlank();
          if (!field.hint().isEmpty()) {
            assertThat(messages.get(language, prefix + "hint." + field.name())).isNotBlank();
          }
          for (int i = 0; i < field.options().size(); i++) {
            assertThat(messages.get(language, prefix + "option." + i)).isNotBlank();
          }
        }
      }
      // The English texts are the forms' own labels: the two cannot drift apart.
      assertThat(messages.get(Language.EN, prefix + "title")).isEqualTo(form.title());
      for (org.semptify.documents.FormField field : form.fields()) {
        assertThat(messages.get(Language.EN, prefix + "field." + field.name()))
            .isEqualTo(field.label());
      }
    }
  }

  @Test
  void everyTrackerPageHasItsTexts() {
    for (String tracker : new String[] {"certified_post", "court_clerk", "notary"}) {
      for (Language language : Language.values()) {
        for (String part : new String[] {"title", "document", "file"}) {
          assertThat(messages.get(language, "tracker." + tracker + "." + part)).isNotBlank();
        }
      }
    }
  }

  @Test
  void messagesTheServerWritesInEnglishAreTranslatedWhenKnown() {
    assertThat(messages.translateEnglish(Language.ES, "Name is required"))
        .isEqualTo("El nombre es obligatorio");
    assertThat(messages.translateEnglish(Language.EN, "Name is required"))
        .isEqualTo("Name is required");
    assertThat(messages.translateEnglish(Language.ES, "Keep this under 200 characters."))
        .isEqualTo("Escriba menos de 200 caracteres.");
    assertThat(
            messages.translateEnglish(
                Language.ES, "Line 3: write it as YYYY-MM-DD - Event description."))
        .isEqualTo("Línea 3: escríbala como AAAA-MM-DD - Descripción del hecho.");
    assertThat(messages.translateEnglish(Language.ES, "Something nobody wrote down."))
        .isEqualTo("Something nobody wrote down.");
  }

  @Test
  void placeholdersAreFilledAndApostrophesSurvive() {
    assertThat(messages.get(Language.EN, "vault.file", 100)).isEqualTo("File (up to 100 MB)");
    assertThat(messages.get(Language.ES, "vault.file", 100)).isEqualTo("Archivo (hasta 100 MB)");
  }

  @Test
  void theLanguageComesFromTheCookieThenTheBrowser() {
    assertThat(Language.resolve(null, null)).isEqualTo(Language.EN);
    assertThat(Language.resolve(null, "es-MX,es;q=0.9,en;q=0.8")).isEqualTo(Language.ES);
    assertThat(Language.resolve(null, "fr-FR,es;q=0.5,en;q=0.4")).isEqualTo(Language.ES);
    assertThat(Language.resolve(null, "es;q=0,en")).isEqualTo(Language.EN);
    assertThat(Language.resolve("en", "es")).isEqualTo(Language.EN);
    assertThat(Language.resolve("xx", "es")).isEqualTo(Language.ES);
    assertThat(Language.resolve(null, ";;;garbage")).isEqualTo(Language.EN);
  }
}
