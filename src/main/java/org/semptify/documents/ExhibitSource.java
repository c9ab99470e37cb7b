package org.semptify.documents;

import java.io.IOException;
import java.io.InputStream;

/** Where a PDF being written reads its exhibits' files: a vault, decrypting as it reads. */
@FunctionalInterface
public interface ExhibitSource {
  /** No files: each exhibit gets its cover sheet only, saying the file could not be shown. */
  ExhibitSource NONE =
      docId -> {
        throw new IOException("no exhibit files available");
      };

  /** The plaintext of a document, streamed; the caller closes it. */
  InputStream open(String docId) throws IOException;
}
