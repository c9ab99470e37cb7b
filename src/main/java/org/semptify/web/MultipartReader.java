package org.semptify.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as a stream, so that a 1 GiB
 * upload never sits in memory. The boundary is searched in a large buffer with Boyer-Moore-Horspool
 * (it skips about the boundary's length per comparison), which is what lets uploads run at the
 * speed of hashing and encryption rather than of a byte-by-byte scan.
 *
 * <p>Each part's content must be read (or is skipped) before {@link #next()} moves on. A body that
 * ends inside a part, or that is not multipart, raises {@link MalformedMultipartException}.
 */
public final class MultipartReader {
  /** Headers of one part beyond this size are refused: they are never legitimately that large. */
  public static final int MAX_HEADER_BYTES = 16 * 1024;

  private static final int BUFFER_BYTES = 256 * 1024;

  /** Reads of a part's content at least this large go straight into the caller's array. */
  static final int READ_THROUGH_BYTES = 8 * 1024;

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  /** One part: its field name, the file name when it is a file, and its content. */
  public record Part(String name, String filename, String contentType, InputStream content) {
    /** True for a file input, even one sent with no file chosen (an empty file name). */
    public boolean isFile() {
      return filename != null;
    }
  }

  private final InputStream body;
  private final byte[] delimiter;
  private final int[] skip = new int[256];
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean finished;
  private PartContent current;

  /**
   * @param boundary the {@code boundary} parameter of the request's content type
   */
  public MultipartReader(InputStream body, String boundary) {
    this.body = body;
    // The body's first boundary may come without the line break that precedes later ones: start
    // the buffer with one, and the preamble (usually empty) is just a part nobody reads.
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Arrays.fill(skip, delimiter.length);
    for (int i = 0; i < delimiter.length - 1; i++) {
      skip[delimiter[i] & 0xFF] = delimiter.length - 1 - i;
    }
    buffer[0] = '\r';
    buffer[1] = '\n';
    limit = 2;
    current = new PartContent();
  }

  /**
   * The boundary of a {@code multipart/form-data} content type (RFC 2046: 1 to 70 characters), or
   * empty when the type is something else.
   */
  public static Optional<String> boundary(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] pieces = contentType.split(";", 2);
    if (!asciiLowerCase(pieces[0].strip()).equals("multipart/form-data") || pieces.length < 2) {
      return Optional.empty();
    }
    String boundary = HeaderParameters.parse(pieces[1]).get("boundary");
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      return Optional.empty();
    }
    return Optional.of(boundary);
  }

  /** The next part, or null after the last one; what is left of the previous part is skipped. */
  public Part next() throws IOException {
    if (finished) {
      return null;
    }
    current.skipRest();
    // After a delimiter: "--" closes the body; otherwise optional padding, then a line break.
    if (!ensure(2)) {
      throw new MalformedMultipartException("the body ends after a boundary");
    }
    if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
      finished = true;
      return null;
    }
    while (ensure(1) && (buffer[pos] == ' ' || buffer[pos] == '\t')) {
      pos++;
    }
    if (!startsWith(CRLF)) {
      throw new MalformedMultipartException("a boundary is not followed by a line break");
    }
    pos += 2;
    Map<String, String> headers = readHeaders();
    Map<String, String> disposition =
        HeaderParameters.parse(
            headers.getOrDefault("content-disposition", "").replaceFirst("^[^;]*", ""));
    current = new PartContent();
    return new Part(
        disposition.get("name"),
        HeaderParameters.filename(disposition),
        headers.get("content-type"),
        current);
  }

  /** The part's header lines, names lower-cased; the block ends with an empty line. */
  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new HashMap<>();
    if (ensure(2) && startsWith(CRLF)) {
      pos += 2; // no headers at all
      return headers;
    }
    int end;
    while ((end = indexOf(HEADER_END, pos, limit)) < 0) {
      if (limit - pos > MAX_HEADER_BYTES) {
        throw new MalformedMultipartException("a part's headers are too long");
      }
      if (!fill()) {
        throw new MalformedMultipartException("the body ends inside a part's headers");
      }
    }
    if (end - pos > MAX_HEADER_BYTES) {
      throw new MalformedMultipartException("a part's headers are too long");
    }
    // Browsers send file names as raw UTF-8.
    String block = new String(buffer, pos, end - pos, StandardCharsets.UTF_8);
    pos = end + HEADER_END.length;
    String name = null;
    for (String line : block.split("\r\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        headers.merge(name, " " + line.strip(), String::concat); // a folded line
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedMultipartException("a part's header line has no name");
      }
      name = asciiLowerCase(line.substring(0, colon).strip());
      headers.putIfAbsent(name, line.substring(colon + 1).strip());
    }
    return headers;
  }

  /** Header and parameter names are ASCII: only A-Z change, whatever the JVM's locale rules. */
  static String asciiLowerCase(String name) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private boolean startsWith(byte[] expected) {
    if (limit - pos < expected.length) {
      return false;
    }
    return Arrays.equals(buffer, pos, pos + expected.length, expected, 0, expected.length);
  }

  /** Reads until at least {@code n} unread bytes are buffered; false if the body ends first. */
  private boolean ensure(int n) throws IOException {
    while (limit - pos < n) {
      if (!fill()) {
        return false;
      }
    }
    return true;
  }

  /** Moves unread bytes to the front and reads more; false at the end of the body. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos == 0 && limit == buffer.length) {
      throw new IllegalStateException("multipart buffer full"); // callers consume before filling
    }
    if (pos > 0) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      current.shift(pos);
      limit -= pos;
      pos = 0;
    }
    int n = body.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  private int indexOf(byte[] pattern, int from, int to) {
    for (int i = from; i + pattern.length <= to; i++) {
      if (Arrays.equals(buffer, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    return -1;
  }

  /** Boyer-Moore-Horspool search for the delimiter in {@code buffer[from, to)}. */
  private int indexOfDelimiter(int from, int to) {
    return indexOfDelimiter(buffer, from, to);
  }

  /** Boyer-Moore-Horspool search for the delimiter in {@code bytes[from, to)}. */
  private int indexOfDelimiter(byte[] bytes, int from, int to) {
    int last = delimiter.length - 1;
    int i = from;
    while (i + last < to) {
      byte tail = bytes[i + last];
      if (tail == delimiter[last] && Arrays.equals(bytes, i, i + last, delimiter, 0, last)) {
        return i;
      }
      i += skip[tail & 0xFF];
    }
    return -1;
  }

  /**
   * The content of the current part: everything up to the next delimiter. It remembers how far the
   * buffer has been searched, so reading in small pieces does not search the same bytes again.
   */
  private final class PartContent extends InputStream {
    private boolean done;
    private int searchedTo = -1;
    private int delimiterAt = -1;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      java.util.Objects.checkFromIndexSize(offset, length, into.length);
      if (done) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      while (true) {
        if (delimiterAt < 0
            && !eof
            && limit - pos < delimiter.length
            && length >= READ_THROUGH_BYTES) {
          int n = readThrough(into, offset, Math.min(length, buffer.length));
          if (n > 0) {
            return n;
          }
          if (n == 0) {
            continue; // only a possible start of the delimiter, or the delimiter itself, came
          }
          // the end of the body: the buffer is as it was, the ordinary way says what is wrong
        }
        int available = contentAvailable();
        if (available > 0) {
          int n = Math.min(available, length);
          System.arraycopy(buffer, pos, into, offset, n);
          pos += n;
          return n;
        }
        if (delimiterAt == pos) {
          pos += delimiter.length;
          done = true;
          return -1;
        }
        if (!fill()) {
          throw new MalformedMultipartException("the body ends inside a part");
        }
      }
    }

    /**
     * Reads the body straight into the caller's array rather than into the buffer and then out of
     * it: for a large file part that is one copy of every byte fewer. The few bytes the buffer
     * holds (fewer than a delimiter) go first; the delimiter is searched in the array; the
     * delimiter and what follows it, or a tail that may be the start of one, go back into the
     * buffer. Returns the content bytes placed in {@code into} (perhaps 0), or -1 at the end of the
     * body with nothing changed.
     */
    private int readThrough(byte[] into, int offset, int length) throws IOException {
      int held = limit - pos;
      System.arraycopy(buffer, pos, into, offset, held);
      int n = body.read(into, offset + held, length - held);
      if (n < 0) {
        eof = true;
        return -1;
      }
      int end = offset + held + n;
      int at = indexOfDelimiter(into, offset, end);
      int keepFrom = at >= 0 ? at : Math.max(offset, end - (delimiter.length - 1));
      int keep = end - keepFrom;
      System.arraycopy(into, keepFrom, buffer, 0, keep);
      pos = 0;
      limit = keep;
      if (at >= 0) {
        delimiterAt = 0;
      } else {
        searchedTo = 0; // the kept tail has not been searched as a whole
      }
      return keepFrom - offset;
    }

    /** Bytes from {@code pos} that are certainly content (a delimiter can straddle the end). */
    private int contentAvailable() {
      if (delimiterAt < 0) {
        int from = Math.max(pos, searchedTo);
        delimiterAt = indexOfDelimiter(from, limit);
        if (delimiterAt < 0) {
          searchedTo = Math.max(pos, limit - delimiter.length + 1);
          return searchedTo - pos;
        }
      }
      return delimiterAt - pos;
    }

    void shift(int by) {
      if (delimiterAt >= 0) {
        delimiterAt -= by;
      }
      if (searchedTo >= 0) {
        searchedTo -= by;
      }
    }

    void skipRest() throws IOException {
      byte[] sink = new byte[8192];
      while (read(sink, 0, sink.length) >= 0) {
        // discard
      }
    }

    @Override
    public void close() {
      // The request body belongs to the reader; what is left is skipped by next().
    }
  }

  /** Parameters of a header value such as {@code form-data; name="file"; filename="a.pdf"}. */
  static final class HeaderParameters {
    private HeaderParameters() {}

    /** Names lower-cased; quoted values unquoted (with backslash escapes); the first one wins. */
    static Map<String, String> parse(String parameters) {
      Map<String, String> result = new HashMap<>();
      int i = 0;
      int n = parameters.length();
      while (i < n) {
        while (i < n
            && (parameters.charAt(i) == ';' || Character.isWhitespace(parameters.charAt(i)))) {
          i++;
        }
        int nameStart = i;
        while (i < n && parameters.charAt(i) != '=' && parameters.charAt(i) != ';') {
          i++;
        }
        String name = asciiLowerCase(parameters.substring(nameStart, i).strip());
        if (i >= n || parameters.charAt(i) == ';') {
          continue; // a bare token such as form-data
        }
        i++; // '='
        while (i < n && Character.isWhitespace(parameters.charAt(i))) {
          i++;
        }
        StringBuilder value = new StringBuilder();
        if (i < n && parameters.charAt(i) == '"') {
          i++;
          while (i < n && parameters.charAt(i) != '"') {
            char c = parameters.charAt(i++);
            // Browsers do not escape backslashes in file names (C:\path): only \" and \\ are
            // escapes.
            if (c == '\\'
                && i < n
                && (parameters.charAt(i) == '"' || parameters.charAt(i) == '\\')) {
              c = parameters.charAt(i++);
            }
            value.append(c);
          }
          i++; // closing quote
          while (i < n && parameters.charAt(i) != ';') {
            i++;
          }
        } else {
          while (i < n && parameters.charAt(i) != ';') {
            value.append(parameters.charAt(i++));
          }
        }
        if (!name.isEmpty()) {
          result.putIfAbsent(name, value.toString().strip());
        }
      }
      return result;
    }

    /**
     * The file name: {@code filename*} (RFC 5987, {@code UTF-8''percent%20encoded}) when present
     * and readable, else {@code filename}; null when the part is not a file.
     */
    static String filename(Map<String, String> disposition) {
      String extended = disposition.get("filename*");
      if (extended != null) {
        int quote = extended.indexOf("''");
        if (quote > 0) {
          try {
            Charset charset = Charset.forName(extended.substring(0, quote));
            return URLDecoder.decode(extended.substring(quote + 2).replace("+", "%2B"), charset);
          } catch (IllegalArgumentException e) {
            // An unknown charset or bad escape: fall back to the plain parameter.
          }
        }
      }
      return disposition.get("filename");
    }
  }
}
