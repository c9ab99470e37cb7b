package org.semptify.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A vault's index, stored encrypted: its documents and its certificate chain (uploads and deletion
 * records, append-only). Immutable; changes produce a new manifest.
 */
public record Manifest(
    String label, List<Document> documents, List<Certificate> chain, List<ShareNote> shares) {
  public Manifest {
    shares = shares == null ? List.of() : shares; // manifests written before shares existed
  }

  public static Manifest empty() {
    return new Manifest(null, List.of(), List.of(), List.of());
  }

  public String head() {
    return chain.isEmpty() ? Certificate.GENESIS : chain.get(chain.size() - 1).hash();
  }

  public long nextSeq() {
    return chain.size() + 1L;
  }

  public Optional<Document> document(String docId) {
    return documents.stream().filter(d -> d.docId().equals(docId)).findFirst();
  }

  /** The upload certificate of a document (deleted documents keep theirs in the chain). */
  public Optional<Certificate> certificate(String docId) {
    return chain.stream()
        .filter(c -> docId.equals(c.docId()) && "upload".equals(c.fields().get("type")))
        .findFirst();
  }

  public long usedBytes() {
    return documents.stream().mapToLong(Document::size).sum();
  }

  Manifest withUpload(Document document, Certificate certificate) {
    List<Document> docs = new ArrayList<>(documents);
    docs.add(document);
    List<Certificate> links = new ArrayList<>(chain);
    links.add(certificate);
    return new Manifest(label, List.copyOf(docs), List.copyOf(links), shares);
  }

  Manifest withLabel(String newLabel) {
    return new Manifest(newLabel, documents, chain, shares);
  }

  public Manifest withShare(ShareNote note) {
    List<ShareNote> updated = new ArrayList<>(shares);
    updated.add(note);
    return new Manifest(label, documents, chain, List.copyOf(updated));
  }

  /** Drops the note of a share whose file could not be written: it never existed. */
  public Manifest withoutShare(String shareId) {
    return new Manifest(
        label,
        documents,
        chain,
        shares.stream().filter(n -> !n.shareId().equals(shareId)).toList());
  }

  /** The note of a share this vault issued, revoked or not. */
  public Optional<ShareNote> share(String shareId) {
    return shares.stream().filter(n -> n.shareId().equals(shareId)).findFirst();
  }

  public Manifest withShareRevoked(String shareId) {
    return new Manifest(
        label,
        documents,
        chain,
        shares.stream().map(n -> n.shareId().equals(shareId) ? n.asRevoked() : n).toList());
  }

  Manifest withRecord(Certificate record) {
    List<Certificate> links = new ArrayList<>(chain);
    links.add(record);
    return new Manifest(label, documents, List.copyOf(links), shares);
  }

  /** The chain's records of the given types, oldest first. */
  public List<Certificate> records(java.util.Collection<String> types) {
    return chain.stream()
        .filter(c -> types.contains(String.valueOf(c.fields().get("type"))))
        .toList();
  }

  Manifest withDeletion(String docId, Certificate record) {
    List<Document> docs = new ArrayList<>(documents);
    docs.removeIf(d -> d.docId().equals(docId));
    List<Certificate> links = new ArrayList<>(chain);
    links.add(record);
    return new Manifest(label, List.copyOf(docs), List.copyOf(links), shares);
  }
}
