package org.semptify.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semptify.config.VaultSettings;
import org.semptify.i18n.Translator;
import org.semptify.vault.Certificate;
import org.semptify.vault.Document;
import org.semptify.vault.NewDocument;
import org.semptify.vault.Vault;

/**
 * Turns a signed form into two vault documents committed together: the plain-text twin and the PDF,
 * whose footer names its own document id and the text twin's SHA-256. The PDF is written straight
 * into the vault as it is made (encrypted on the way, never whole in memory, never on disk in the
 * clear), with its exhibits read from the same vault. Both certificates attest the document type,
 * the typed signature, the consent and the executed date.
 */
public final class DocumentSaver {
  private final PdfRenderer pdf;
  private final VaultSettings limits;

  public DocumentSaver(PdfRenderer pdf, VaultSettings limits) {
    this.pdf = pdf;
    this.limits = limits;
  }

  /** The saved pair and the chain head after both. */
  public record Saved(Document pdf, Document text, String chainHead) {}

  public Saved save(
      Vault vault,
      TenantForm form,
      FormInput input,
      Map<String, List<Document>> attached,
      Signature signature,
      Translator text,
      String requestId)
      throws IOException {
    Map<String, Object> attestation = new LinkedHashMap<>();
    attestation.put("doc_type", form.name());
    attestation.put("sig_name", signature.name());
    attestation.put("sig_consented", signature.consented());
    attestation.put("executed_date", form.executedDate(input));
    return store(
        vault,
        form.compose(input, attached, signature, text),
        new Naming(form.fileStem(input), form.name(), form.title(), form.executedDate(input)),
        attestation,
        text,
        requestId);
  }

  /** How a generated pair is listed in the vault: file names' stem, category, description, date. */
  public record Naming(String fileStem, String category, String description, String eventDate) {
    NewDocument listing(String extension) {
      return new NewDocument(fileStem + extension, category, description, eventDate);
    }
  }

  /**
   * Renders {@code content} as a text twin and a PDF and commits both; their certificates carry
   * {@code attestation} (which must include {@code doc_type}).
   */
  public Saved store(
      Vault vault,
      DocumentContent content,
      Naming naming,
      Map<String, Object> attestation,
      Translator language,
      String requestId)
      throws IOException {
    byte[] text = PlainText.render(content);
    String textSha256 = Certificate.sha256Hex(text);
    String pdfId = Vault.newDocumentId();
    PdfRenderer.Footer footer = new PdfRenderer.Footer(pdfId, textSha256, language);

    Map<String, Object> common = new LinkedHashMap<>(attestation);
    common.put("generated_by", "semptify");
    common.put("language", language.language().code());
    Map<String, Object> textAttestation = new LinkedHashMap<>(common);
    textAttestation.put("format", "text");
    textAttestation.put("pdf_doc_id", pdfId);
    Map<String, Object> pdfAttestation = new LinkedHashMap<>(common);
    pdfAttestation.put("format", "pdf");
    pdfAttestation.put("text_sha256", textSha256);

    Vault.PendingBlob textBlob = receive(vault, Vault.newDocumentId(), text);
    Vault.PendingBlob pdfBlob;
    try {
      pdfBlob =
          PdfStream.into(
              out -> pdf.write(content, footer, vault::open, out),
              in -> vault.receive(pdfId, in, limits.maxUploadBytes(), limits.quotaBytes()));
    } catch (IOException | RuntimeException e) {
      vault.discard(textBlob);
      throw e;
    }
    pdfAttestation.put("text_doc_id", textBlob.docId());
    // commitAll cleans up after itself: a blob the manifest does not name is deleted.
    List<Vault.Committed> committed =
        vault.commitAll(
            List.of(
                new Vault.Staged(textBlob, naming.listing(".txt"), textAttestation),
                new Vault.Staged(pdfBlob, naming.listing(".pdf"), pdfAttestation)),
            requestId);
    return new Saved(
        committed.get(1).document(), committed.get(0).document(), committed.get(1).chainHead());
  }

  private Vault.PendingBlob receive(Vault vault, String docId, byte[] bytes) throws IOException {
    return vault.receive(
        docId, new ByteArrayInputStream(bytes), limits.maxUploadBytes(), limits.quotaBytes());
  }
}
