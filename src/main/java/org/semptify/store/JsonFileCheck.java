package org.semptify.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.semptify.ops.CheckResult;
import org.semptify.ops.ReadinessCheck;

/**
 * A state file, when present, parses as JSON. The verdict is cached per (modification time, size,
 * inode) so that a large file is not parsed again on every probe. The file is only ever read.
 */
public final class JsonFileCheck implements ReadinessCheck {
  private final Path file;
  private final ObjectMapper json;
  private Object cachedKey;
  private CheckResult cachedResult;

  public JsonFileCheck(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public synchronized CheckResult check() {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return CheckResult.ok("absent");
    } catch (IOException e) {
      return CheckResult.failed("cannot be read");
    }
    Object key =
        java.util.List.of(
            attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
    if (Objects.equals(key, cachedKey)) {
      return cachedResult;
    }
    CheckResult result;
    try {
      json.readTree(file.toFile());
      result = CheckResult.ok("parses");
    } catch (IOException e) {
      result = CheckResult.failed("does not parse");
    }
    cachedKey = key;
    cachedResult = result;
    return result;
  }
}
