package org.semptify.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.semptify.files.AtomicFiles;
import org.semptify.files.PrivateFiles;

/**
 * The layout of the data root, as the seed describes it: {@code security/} (secrets), {@code logs/}
 * (events and start-up logs) and {@code uploads/} (encrypted vaults); all three 0700, every file in
 * them 0600 (see {@link PrivateFiles}).
 */
public final class DataRoot {
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path root;

  public DataRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path security() {
    return root.resolve("security");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path uploads() {
    return root.resolve("uploads");
  }

  public Path adminTokensFile() {
    return security().resolve("admin_tokens.json");
  }

  public Path usersFile() {
    return security().resolve("users.json");
  }

  public Path csrfTokenFile() {
    return security().resolve("csrf.token");
  }

  public Path sessionKeyFile() {
    return security().resolve("session.key");
  }

  public Path eventsLog() {
    return logs().resolve("events.log");
  }

  public Path initLog() {
    return logs().resolve("init.log");
  }

  public Path accessLog() {
    return logs().resolve("access.log");
  }

  public List<Path> runtimeFolders() {
    return List.of(security(), logs(), uploads());
  }

  /**
   * At server start-up: {@link #prepareFolders()}, then removes the temporary files an interrupted
   * atomic write left in {@code security/}. Only the server does this, and only before it serves:
   * at any other time a temporary file may be another process's write in progress.
   */
  public void prepare() throws IOException {
    prepareFolders();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(security(), AtomicFiles.TEMP_PREFIX + "*")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Creates the runtime folders and tightens {@code security/} and its files to the owner. Removes
   * nothing, so a command may call it while the server runs.
   */
  public void prepareFolders() throws IOException {
    PrivateFiles.createFolders(root); // 0700 if created; an existing folder is the operator's
    AtomicFiles.requireOwnerWritable(root);
    for (Path folder : runtimeFolders()) {
      PrivateFiles.ownFolder(folder);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(logs())) {
      for (Path file : files) {
        PrivateFiles.tighten(file); // logs an older version wrote 0644
      }
    }
    for (Path folder : runtimeFolders()) {
      AtomicFiles.requireOwnerWritable(folder);
    }
    Files.setPosixFilePermissions(security(), OWNER_DIR);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(security())) {
      for (Path file : files) {
        String name = AtomicFiles.nameOf(file);
        if (!name.startsWith(AtomicFiles.TEMP_PREFIX)
            && !name.endsWith(".example")
            && Files.isRegularFile(file)) {
          Files.setPosixFilePermissions(file, AtomicFiles.OWNER_ONLY);
        }
      }
    }
  }
}
