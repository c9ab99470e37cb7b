package org.semptify.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * A PDF stream whose bytes are an exhibit's file, read from the vault only while the PDF is being
 * written and passed straight through: a 5 MB photo is never held in memory. What is read must be
 * exactly the file the cover sheet names (its size and SHA-256), or writing fails.
 */
final class StreamedFile extends COSStream {
  private final ExhibitSource source;
  private final String docId;
  private final long size;
  private final String sha256;

  StreamedFile(ExhibitSource source, String docId, long size, String sha256) {
    this.source = source;
    this.docId = docId;
    this.size = size;
    this.sha256 = sha256;
    setLong(COSName.LENGTH, size);
  }

  @Override
  public boolean hasData() {
    return true;
  }

  @Override
  public InputStream createRawInputStream() throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new FilterInputStream(new DigestInputStream(source.open(docId), digest)) {
      private long count;
      private boolean checked;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          check();
        } else {
          count++;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
          check();
        } else {
          count += n;
        }
        return n;
      }

      private void check() throws IOException {
        if (checked) {
          return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        boolean same =
            MessageDigest.isEqual(
                actual.getBytes(StandardCharsets.US_ASCII),
                sha256.getBytes(StandardCharsets.US_ASCII));
        if (count != size || !same) {
          throw new IOException("exhibit " + docId + " does not match its certificate");
        }
      }
    };
  }
}
