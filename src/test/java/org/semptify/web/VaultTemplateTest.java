package org.semptify.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semptify.config.SecurityMode;
import org.semptify.i18n.Language;
import org.semptify.i18n.Messages;
import org.semptify.i18n.Translator;
import org.semptify.vault.Document;
import org.semptify.vault.ShareNote;

/**
 * The vault page is rendered by several small templates (so the JIT can compile each one; a single
 * large one stayed interpreted-grade): the HTML must be exactly what the single template rendered,
 * byte for byte, kept in {@code src/test/resources/templates/} from before the split.
 */
class VaultTemplateTest {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
  private static final Messages MESSAGES = Messages.load();

  static Map<String, Object> full(Language language) {
    List<Document> documents =
        List.of(
            new Document(
                "d_aaaaaaaaaaaaaaaaaaaaaa",
                1,
                "lease <signed>.pdf",
                123_456,
                "31edbf83d8dc1e69361ddb1c7277c7b6a2d246843c855d8dcd22acff8e9e10b8",
                "application/pdf",
                "2026-11-30T10:15:00Z",
                1_764_497_700,
                "notice",
                "from the \"landlord\" & agent",
                "2026-11-29"),
            new Document(
                "d_bbbbbbbbbbbbbbbbbbbbbb",
                2,
                "photo.jpg",
                2_200,
                "2541dd87ee8a16377383b66d28082b0c1ec426825d2cd53b312f4a180b4ffdac",
                "image/jpeg",
                "2026-11-30T11:00:00Z",
                1_764_500_400,
                null,
                null,
                null));
    List<ShareNote> shares =
        List.of(
            new ShareNote("s_one", "my lawyer", 1_764_400_000, 1_765_600_000, 2, false),
            new ShareNote("s_two", "court <clerk>", 1_764_300_000, 1_765_500_000, 1, true));
    return Map.of(
        "page",
        page(language),
        "label",
        "Apt 4 & storage",
        "documents",
        documents,
        "shares",
        shares,
        "highlight",
        "d_bbbbbbbbbbbbbbbbbbbbbb",
        "usedBytes",
        125_656L,
        "quotaBytes",
        1L << 30,
        "maxUploadMb",
        100L);
  }

  static Map<String, Object> empty(Language language) {
    return Map.of(
        "page",
        page(language),
        "label",
        "",
        "documents",
        List.of(),
        "shares",
        List.of(),
        "highlight",
        "",
        "usedBytes",
        0L,
        "quotaBytes",
        1L << 30,
        "maxUploadMb",
        100L);
  }

  private static PageContext page(Language language) {
    return new PageContext(
        SecurityMode.ENFORCED,
        "req-1",
        "csrf-token-1",
        new Translator(language, MESSAGES),
        "/vault",
        null,
        "vault",
        true,
        "/vault");
  }

  static String render(Map<String, Object> params) {
    StringOutput output = new StringOutput();
    ENGINE.render("vault.jte", params, output);
    return output.toString();
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = VaultTemplateTest.class.getResourceAsStream("/templates/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theVaultPageIsTheSameHtmlAsBeforeTheSplit() throws IOException {
    assertThat(render(full(Language.EN))).isEqualTo(golden("vault-full-en.html"));
    assertThat(render(full(Language.ES))).isEqualTo(golden("vault-full-es.html"));
    assertThat(render(empty(Language.EN))).isEqualTo(golden("vault-empty-en.html"));
    assertThat(render(empty(Language.ES))).isEqualTo(golden("vault-empty-es.html"));
  }

  @Test
  void rendersTheSameBytesAsUtf8AsAsAString() {
    Utf8ByteOutput bytes = new Utf8ByteOutput();
    ENGINE.render("vault.jte", full(Language.ES), bytes);
    assertThat(new String(bytes.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(render(full(Language.ES)));
  }

  @Test
  void theVaultPageIsMadeOfPartsSmallEnoughToCompile() {
    // The templates the page is made of, each its own generated method.
    for (String part :
        List.of(
            "vault_upload.jte",
            "vault_documents.jte",
            "vault_document.jte",
            "vault_shares.jte",
            "vault_account.jte")) {
      assertThat(ENGINE.hasTemplate(part)).as(part).isTrue();
    }
  }
}
