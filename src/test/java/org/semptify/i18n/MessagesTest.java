package org.semptify.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    for (Language language : Language.values()) {
      assertThat(messages.keys(language)).as(language.code()).containsAll(used);
    }
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
  void messagesAreLookedUpByKeyInEitherLanguage() {
    assertThat(messages.get(Language.ES, Message.of("validation.nameRequired")))
        .isEqualTo("El nombre es obligatorio");
    assertThat(messages.english(Message.of("validation.nameRequired")))
        .isEqualTo("Name is required");
    assertThat(messages.get(Language.ES, Message.of("validation.tooLong", 200)))
        .isEqualTo("Escriba menos de 200 caracteres.");
    assertThat(messages.english(Message.of("validation.tooLong", 2000)))
        .isEqualTo("Keep this under 2000 characters.");
    assertThat(messages.get(Language.ES, Message.of("validation.timelineLine", 3)))
        .isEqualTo("Línea 3: escríbala como AAAA-MM-DD - Descripción del hecho.");
    assertThatThrownBy(() -> messages.get(Language.ES, Message.of("validation.noSuchKey")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anArgumentIsNeverReadAsAPattern() {
    // The old formatter replaced {0} then {1} in turn: the first value could inject the second.
    assertThat(messages.get(Language.EN, "doc.footer.page", "{1}", 7)).isEqualTo("Page {1} of 7");
    assertThat(messages.get(Language.ES, "doc.witness.header", "{1}{2}", "x", "y"))
        .isEqualTo("Nombre: {1}{2}\nContacto: x\nFecha: y");
    assertThat(messages.get(Language.EN, "validation.tooLong", "{0, plural, other {#}}"))
        .isEqualTo("Keep this under {0, plural, other {#}} characters.");
  }

  @Test
  void pluralFormsFollowTheNumber() {
    assertThat(messages.get(Language.ES, "share.details", 1, 1))
        .contains("Abre 1 documento, de solo lectura, durante 1 día.");
    assertThat(messages.get(Language.ES, "share.details", 3, 7))
        .contains("Abre 3 documentos, de solo lectura, durante 7 días.");
    assertThat(messages.get(Language.EN, "share.details", 1, 30))
        .contains("It opens 1 document, read-only, for 30 days.");
    assertThat(messages.get(Language.EN, "vault.summary", 0, "0 bytes", "2 GB"))
        .startsWith("0 documents, 0 bytes of 2 GB used.");
  }

  @Test
  void everyKeyTheCodeUsesExistsInEveryLanguage() throws IOException {
    Set<String> used = new TreeSet<>();
    // Message.of("key", ...) and t("key", ...) with a literal key, anywhere in the code.
    Pattern call = Pattern.compile("(?:Message\\.of|\\bt)\\(\\s*\"([a-zA-Z0-9_.]+)\"\\s*[,)]");
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher matcher = call.matcher(Files.readString(source));
        while (matcher.find()) {
          used.add(matcher.group(1));
        }
      }
    }
    assertThat(used).contains("validation.required", "error.notFound", "doc.ledger.title");
    for (Language language : Language.values()) {
      assertThat(messages.keys(language)).as(language.code()).containsAll(used);
    }
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
