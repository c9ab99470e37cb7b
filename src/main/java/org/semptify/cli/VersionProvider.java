package org.semptify.cli;

import org.semptify.ops.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code semptify --version}: the version, git commit and build time baked in at build. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo build = BuildInfo.load();
    return new String[] {
      "semptify "
          + build.version()
          + " (git "
          + build.gitSha()
          + ", built "
          + build.buildTime()
          + ")"
    };
  }
}
