package org.semptify.vault;

import java.util.LinkedHashMap;
import java.util.Map;

/** The API's document object. */
public final class DocumentJson {
  private DocumentJson() {}

  public static Map<String, Object> of(Document document) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("doc_id", document.docId());
    json.put("filename", document.filename());
    json.put("size", document.size());
    json.put("sha256", document.sha256());
    json.put("content_type", document.contentType());
    json.put("received_at", document.receivedAt());
    json.put("category", document.category());
    json.put("description", document.description());
    json.put("event_date", document.eventDate());
    return json;
  }
}
