package org.semptify.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.semptify.app.App;
import org.semptify.config.ConfigException;
import org.semptify.config.Settings;
import org.semptify.config.SettingsLoader;
import picocli.CommandLine.Command;

/** {@code semptify serve}: starts the web server and runs until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Start the Semptify web server.",
      "Binds SEMPTIFY_HOST:SEMPTIFY_PORT (default 127.0.0.1:8080; port 0 picks a free port and prints it).",
      "Stops gracefully on SIGTERM: in-flight requests finish (up to 10 s), logs are flushed."
    })
public final class ServeCommand implements Callable<Integer> {
  private final CliEnvironment environment;

  public ServeCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    App app;
    try {
      Settings settings =
          SettingsLoader.load(environment.variables(), environment.workingDirectory());
      app = App.create(settings, environment.clock()).start();
    } catch (ConfigException e) {
      environment.err().println("semptify: configuration error: " + e.getMessage());
      return 2;
    }
    environment.out().println("Semptify listening on port " + app.port());
    environment.out().flush();
    Thread release = new Thread(app::releaseStartupMemory, "startup-memory");
    release.setDaemon(true);
    release.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  stopped.countDown();
                },
                "semptify-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
