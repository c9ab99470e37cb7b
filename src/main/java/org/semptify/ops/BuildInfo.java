package org.semptify.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version, git commit and build time, baked into the jar by the Maven build. */
public record BuildInfo(String version, String gitSha, String buildTime) {
  private static final String RESOURCE = "/semptify-build.properties";

  public static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Fall through to "unknown": the build stamp is informative, never required.
    }
    return new BuildInfo(
        value(properties, "version"),
        value(properties, "git.sha"),
        value(properties, "build.time"));
  }

  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key, "");
    // An unfiltered placeholder means the resource was not stamped (e.g. built without git).
    return value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}
