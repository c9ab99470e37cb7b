package org.semptify.records.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.semptify.documents.FormInput;
import org.semptify.i18n.Message;
import org.semptify.ops.EventLog;
import org.semptify.records.Contact;
import org.semptify.records.Records;
import org.semptify.records.RecordsStore;
import org.semptify.vault.Vault;
import org.semptify.web.Problems;
import org.semptify.web.ResponseFormat;

/** {@code /contacts}: the people in the case, sorted by name. */
public final class ContactHandlers {
  static final List<String> ROLES =
      List.of("landlord", "property manager", "attorney", "inspector", "witness", "other");
  static final Message NAME_REQUIRED = Message.of("validation.nameRequired");
  private static final List<String> TEXT_FIELDS =
      List.of("organization", "phone", "email", "address", "notes");

  private final RecordsSupport support;
  private final EventLog events;

  ContactHandlers(RecordsSupport support, EventLog events) {
    this.support = support;
    this.events = events;
  }

  /** By name as people read it: case and accents do not scatter the list. */
  static List<Contact> sorted(List<Contact> contacts) {
    Collator collator = Collator.getInstance(Locale.ROOT);
    collator.setStrength(Collator.PRIMARY);
    List<Contact> ordered = new ArrayList<>(contacts);
    ordered.sort((a, b) -> collator.compare(a.name(), b.name()));
    return ordered;
  }

  public void page(Context ctx) {
    Vault vault = support.vault(ctx);
    List<Contact> list = sorted(support.store.load(vault).contacts());
    if (!ResponseFormat.wantsHtml(ctx)) {
      ctx.json(Map.of("contacts", list));
      return;
    }
    String editId = ctx.queryParam("edit");
    FormInput input = FormInput.of(Map.of("role", List.of("landlord")));
    if (editId != null) {
      input = asInput(find(list, editId));
    }
    support.pages.render(
        ctx, "contacts.jte", params(list, input, Map.of(), null, editId == null ? "" : editId));
  }

  public void add(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    save(ctx, vault, support.store.newId('c'), null);
  }

  public void edit(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    Contact shown = find(support.store.load(vault).contacts(), ctx.pathParam("id"));
    save(ctx, vault, shown.id(), shown);
  }

  private void save(Context ctx, Vault vault, String id, Contact before) throws IOException {
    FormInput input = RecordsSupport.input(ctx);
    Problems problems = Problems.collect();
    String name = input.trimmed("name");
    problems.required("name", name, NAME_REQUIRED).maxLength("name", name, 200);
    String role = input.trimmed("role").replace('_', ' ').toLowerCase(Locale.ROOT);
    if (role.isEmpty()) {
      role = "other";
    }
    if (!ROLES.contains(role)) {
      problems.add("role", Message.of("validation.role"));
    }
    String email = input.trimmed("email");
    if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      problems.add("email", Message.of("validation.email"));
    }
    for (String field : TEXT_FIELDS) {
      problems.maxLength(field, input.trimmed(field), 2000);
    }
    if (!problems.isEmpty()) {
      Message message = problems.has("name") ? problems.get("name") : RecordsSupport.FIX_FIELDS;
      String editId = before == null ? "" : id;
      support.answers.invalid(
          ctx,
          problems,
          message,
          c -> {
            List<Contact> list = sorted(support.store.load(vault).contacts());
            support.pages.render(
                c, "contacts.jte", params(list, input, problems.fields(), message, editId));
          });
      return;
    }
    events.requireWritable();
    Contact contact =
        new Contact(
            id,
            name,
            role,
            RecordsSupport.blankToNull(input.trimmed("organization")),
            RecordsSupport.blankToNull(input.trimmed("phone")),
            RecordsSupport.blankToNull(email),
            RecordsSupport.blankToNull(input.trimmed("address")),
            RecordsSupport.blankToNull(input.trimmed("notes")));
    boolean adding = before == null;
    support.store.apply(
        vault,
        support.change(ctx, adding ? "contacts.add" : "contacts.edit", id),
        r ->
            new RecordsStore.Edit(
                adding ? null : find(r.contacts(), id),
                contact,
                r.withContacts(Records.upsert(r.contacts(), contact, c -> c.id().equals(id)))));
    support.answers.done(
        ctx,
        "/contacts",
        before == null ? 201 : 200,
        contact,
        org.semptify.web.Notice.of(
            Message.of(before == null ? "status.contactAdded" : "status.contactChanged")));
  }

  public void delete(Context ctx) throws IOException {
    Vault vault = support.vault(ctx);
    String id = find(support.store.load(vault).contacts(), ctx.pathParam("id")).id();
    events.requireWritable();
    support.store.apply(
        vault,
        support.change(ctx, "contacts.delete", id),
        r ->
            new RecordsStore.Edit(
                find(r.contacts(), id),
                null,
                r.withContacts(Records.without(r.contacts(), c -> c.id().equals(id)))));
    support.answerDeleted(ctx, "/contacts", id);
  }

  private static Contact find(List<Contact> list, String id) {
    return list.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new NotFoundResponse("no such contact"));
  }

  private static FormInput asInput(Contact contact) {
    Map<String, List<String>> values = new HashMap<>();
    values.put("name", List.of(contact.name()));
    values.put("role", List.of(contact.role()));
    values.put("organization", List.of(RecordsSupport.nullToBlank(contact.organization())));
    values.put("phone", List.of(RecordsSupport.nullToBlank(contact.phone())));
    values.put("email", List.of(RecordsSupport.nullToBlank(contact.email())));
    values.put("address", List.of(RecordsSupport.nullToBlank(contact.address())));
    values.put("notes", List.of(RecordsSupport.nullToBlank(contact.notes())));
    return FormInput.of(values);
  }

  private static Map<String, Object> params(
      List<Contact> list,
      FormInput input,
      Map<String, Message> problems,
      Message message,
      String editId) {
    Map<String, Object> params = new HashMap<>();
    params.put("contacts", list);
    params.put("input", input);
    params.put("errors", problems);
    params.put("message", message);
    params.put("editId", editId);
    params.put("roles", ROLES);
    return params;
  }
}
