package org.semptify.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.semptify.crypto.Tokens;
import picocli.CommandLine.Command;

/** {@code semptify hash-token}: the seed's hash helper, for hand-editing token files. */
@Command(
    name = "hash-token",
    mixinStandardHelpOptions = true,
    description = {
      "Read a token on standard input and print its stored form, sha256:<hex>.",
      "Example: bin/semptify hash-token < token.txt"
    })
public final class HashTokenCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  public HashTokenCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    // At most 8 KiB: a token is far shorter, and standard input stays the caller's to close.
    String line =
        new String(environment.in().readNBytes(8192), StandardCharsets.UTF_8)
            .lines()
            .findFirst()
            .orElse(null);
    if (line == null || line.strip().isEmpty()) {
      environment.err().println("semptify: no token on standard input");
      return 1;
    }
    environment.out().println(Tokens.hash(line.strip()));
    return 0;
  }
}
