package org.semptify.server;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.semptify.auth.FormTokens;
import org.semptify.config.SecurityMode;
import org.semptify.i18n.Language;
import org.semptify.i18n.Message;
import org.semptify.i18n.Messages;
import org.semptify.i18n.Translator;

/** Renders the precompiled jte templates (auto-escaped HTML) into responses. */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final SecurityMode mode;
  private final FormTokens formTokens;
  private final Messages messages;

  public Pages(SecurityMode mode, FormTokens formTokens, Messages messages) {
    this.mode = mode;
    this.formTokens = formTokens;
    this.messages = messages;
  }

  public PageContext context(Context ctx) {
    // Only GET pages are worth returning to after switching language.
    String path = "GET".equals(ctx.method().name()) ? ctx.path() : "/";
    return new PageContext(
        mode, RequestAttributes.requestId(ctx), formTokens.tokenFor(ctx), translator(ctx), path);
  }

  /** The visitor's language: their remembered choice, else their browser's preference. */
  public Translator translator(Context ctx) {
    return new Translator(
        Language.resolve(ctx.cookie(Language.COOKIE), ctx.header("Accept-Language")), messages);
  }

  /** {@code message} as JSON answers carry it: in English (the API's public text). */
  public String english(Message message) {
    return messages.english(message);
  }

  /** Renders {@code template} with the page context plus {@code params} and sends it as HTML. */
  public void render(Context ctx, String template, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("page", context(ctx));
    StringOutput output = new StringOutput();
    engine.render(template, all, output);
    ctx.contentType("text/html; charset=utf-8").result(output.toString());
  }
}
