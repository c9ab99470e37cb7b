package org.semptify.ops;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A state file, vault or share could not be written (a full disk, a read-only folder, an I/O
 * error). Every write is atomic or rolled back, so nothing was half-changed; the request answers
 * {@value #STATUS} with {@link #MESSAGE}, an event is written, and {@code /readyz} stays degraded
 * until the folders it names accept a new file again. The one mechanism for every store: the events
 * log's own failure ({@link EventLogUnavailableException}) is a kind of it.
 */
public class StorageUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** 507 Insufficient Storage. */
  public static final int STATUS = 507;

  public static final String MESSAGE = "Storage is full or unavailable; nothing was changed";

  /** Where the failed write went: the folders readiness probes until they accept a file again. */
  private final String[] folders;

  private final String reason;

  /** A write into {@code folders} failed with {@code cause}. */
  public StorageUnavailableException(IOException cause, Path... folders) {
    super(MESSAGE, cause);
    this.folders = new String[folders.length];
    for (int i = 0; i < folders.length; i++) {
      this.folders[i] = folders[i].toString();
    }
    this.reason = reasonOf(cause);
  }

  protected StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.folders = new String[0];
    this.reason = "io_error";
  }

  public int status() {
    return STATUS;
  }

  /** What the user is told: never the cause's message, which may carry a path. */
  public String publicMessage() {
    return MESSAGE;
  }

  public List<Path> folders() {
    return java.util.Arrays.stream(folders).map(Path::of).toList();
  }

  /** {@code no_space}, {@code read_only} or {@code io_error}: safe for events and readiness. */
  public String reason() {
    return reason;
  }

  private static String reasonOf(IOException cause) {
    String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("no space left") || message.contains("quota exceeded")) {
      return "no_space";
    }
    if (cause instanceof AccessDeniedException || message.contains("read-only")) {
      return "read_only";
    }
    return "io_error";
  }
}
