package org.semptify.cli;

import java.util.concurrent.Callable;
import org.semptify.config.ConfigException;
import org.semptify.ops.StorageUnavailableException;
import org.semptify.store.InvalidStateFileException;
import org.semptify.store.SpentTokenException;
import org.semptify.store.UnknownEntryException;

/**
 * Runs a command body, turning expected failures into one line on stderr and exit code 1 (2 for
 * configuration).
 */
final class Failures {
  private Failures() {}

  static int run(CliEnvironment environment, Callable<Integer> body) {
    try {
      return body.call();
    } catch (ConfigException e) {
      environment.err().println("semptify: configuration error: " + e.getMessage());
      return 2;
    } catch (UnknownEntryException | IllegalArgumentException | SpentTokenException e) {
      environment.err().println("semptify: " + e.getMessage());
      return 1;
    } catch (InvalidStateFileException e) {
      environment.err().println("semptify: " + e.getMessage() + "; the file was left untouched");
      return 1;
    } catch (StorageUnavailableException e) {
      environment.err().println("semptify: " + e.publicMessage());
      return 1;
    } catch (Exception e) {
      environment.err().println("semptify: failed: " + e.getClass().getSimpleName());
      return 1;
    }
  }
}
