package org.semptify.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-root}, shared by every command that works on state files. */
final class DataRootOption {
  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description =
          "Data root holding security/ and logs/ (default: SEMPTIFY_DATA_ROOT, else the working directory).")
  Path dataRoot;
}
