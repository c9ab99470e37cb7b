package org.semptify.backup;

/**
 * A backup that cannot be taken, or an archive that is not intact: the message names the entry (or
 * the file) and what is wrong with it, never its content.
 */
public final class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupException(String message) {
    super(message);
  }
}
