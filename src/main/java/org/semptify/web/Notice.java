package org.semptify.web;

import java.util.List;
import org.semptify.i18n.Message;

/**
 * What an action did, said at the top of the next page ({@code role="status"}), with the next steps
 * as links: "Saved: lease.pdf. Open · Certificate · Share with your attorney".
 *
 * @param text what happened, in the visitor's language when shown
 * @param links the next steps; each href is a path on this site
 */
public record Notice(Message text, List<Link> links) {
  public Notice {
    links = List.copyOf(links);
  }

  /** A next step: the message key of its label, and where it goes. */
  public record Link(String labelKey, String href) {}

  public static Notice of(Message text, Link... links) {
    return new Notice(text, List.of(links));
  }

  /** "Saved: {name}. Open · Certificate · Share with your attorney". */
  public static Notice savedDocument(String filename, String docId) {
    String encoded = java.net.URLEncoder.encode(docId, java.nio.charset.StandardCharsets.UTF_8);
    return of(
        Message.of("status.saved", filename),
        new Link("status.open", "/vault/files/" + encoded),
        new Link("status.certificate", "/vault/files/" + encoded + "/certificate"),
        new Link("status.shareNext", "/vault#share-heading"));
  }
}
