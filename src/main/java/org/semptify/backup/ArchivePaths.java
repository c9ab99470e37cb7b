package org.semptify.backup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names an archive may hold, relative to the data root: a file under {@code security/}, a
 * share, a vault's small documents and blobs, the events log and its rotated copies, and the
 * archive's own index. Anything else (an absolute path, {@code ..}, a link, a folder entry, another
 * file) is refused before a byte is written, so that restoring can never write outside its folder.
 */
final class ArchivePaths {
  static final String INDEX = "semptify-backup/index.json";
  static final String INDEX_SIGNATURE = "semptify-backup/index.json.sig";
  static final String USERS = "security/users.json";
  static final String ADMIN_TOKENS = "security/admin_tokens.json";
  static final String SIGNING_KEY = "security/signing_key.pem";

  /** A file of {@code security/}: no leading dot (temporary files), no lock files. */
  static final Pattern SECURITY_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  static final Pattern SHARE_NAME = Pattern.compile("s_[a-z0-9]{20}\\.json");
  static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final Pattern DOCUMENT_NAME = Pattern.compile("[a-z]{1,32}\\.bin");
  static final Pattern BLOB_NAME =
      Pattern.compile("(pending-)?[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}\\.bin");
  static final Pattern EVENTS_NAME = Pattern.compile("events\\.log(\\.[0-9]{1,4})?");

  private static final Pattern SECURITY = Pattern.compile("security/(" + SECURITY_NAME + ")");
  private static final Pattern SHARE = Pattern.compile("uploads/shares/(" + SHARE_NAME + ")");
  private static final Pattern VAULT_DOCUMENT =
      Pattern.compile("uploads/vault/(" + USER_ID + ")/(" + DOCUMENT_NAME + ")");
  private static final Pattern BLOB =
      Pattern.compile("uploads/vault/(" + USER_ID + ")/blobs/(" + BLOB_NAME + ")");
  private static final Pattern EVENTS = Pattern.compile("logs/(" + EVENTS_NAME + ")");

  private ArchivePaths() {}

  /** What an entry is, by its name. */
  enum Kind {
    SECURITY,
    SHARE,
    VAULT_DOCUMENT,
    BLOB,
    EVENTS,
    INDEX,
    INDEX_SIGNATURE
  }

  /** An entry's kind and, for the vault's files, the user id; {@code leaf} is its file name. */
  record Classified(Kind kind, String userId, String leaf) {
    boolean manifest() {
      return kind == Kind.VAULT_DOCUMENT && leaf.equals("manifest.bin");
    }
  }

  /** The entry's kind, or null when a backup never holds such a name. */
  static Classified classify(String name) {
    if (name.equals(INDEX)) {
      return new Classified(Kind.INDEX, null, null);
    }
    if (name.equals(INDEX_SIGNATURE)) {
      return new Classified(Kind.INDEX_SIGNATURE, null, null);
    }
    Matcher m = SECURITY.matcher(name);
    if (m.matches() && !m.group(1).endsWith(".lock")) {
      return new Classified(Kind.SECURITY, null, m.group(1));
    }
    m = SHARE.matcher(name);
    if (m.matches()) {
      return new Classified(Kind.SHARE, null, m.group(1));
    }
    m = VAULT_DOCUMENT.matcher(name);
    if (m.matches()) {
      return new Classified(Kind.VAULT_DOCUMENT, m.group(1), m.group(2));
    }
    m = BLOB.matcher(name);
    if (m.matches()) {
      return new Classified(Kind.BLOB, m.group(1), m.group(2));
    }
    m = EVENTS.matcher(name);
    if (m.matches()) {
      return new Classified(Kind.EVENTS, null, m.group(1));
    }
    return null;
  }
}
