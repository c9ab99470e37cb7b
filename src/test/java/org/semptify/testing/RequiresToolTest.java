package org.semptify.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A test whose tool is missing says so as a skipped test, with the reason, never as "Tests run: 0":
 * each class is run here as on a machine without its tools.
 */
class RequiresToolTest {
  private static EngineExecutionResults withoutTools(DiscoverySelector selector) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(RequiresTool.HIDE_ALL, "true")
        .selectors(selector)
        .execute();
  }

  private static List<String> skipReasons(EngineExecutionResults results) {
    return results.testEvents().aborted().stream()
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .map(result -> result.getThrowable().map(Throwable::getMessage).orElse(""))
        .toList();
  }

  @Test
  void theBrowserJourneyIsTwoSkippedTestsWhereChromiumIsMissing() {
    EngineExecutionResults results =
        withoutTools(selectClass("org.semptify.e2e.TenantJourneyTest"));
    results.containerEvents().assertStatistics(s -> s.aborted(0).failed(0));
    results.testEvents().assertStatistics(s -> s.started(2).aborted(2).succeeded(0).failed(0));
    assertThat(skipReasons(results))
        .hasSize(2)
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .contains("/usr/bin/chromium is missing (apt-get install chromium)")
                    .contains("chromedriver is missing")
                    .contains("npm ci --prefix src/test/e2e"));
  }

  @Test
  void thePromtoolCheckIsASkippedTestWherePromtoolIsMissing() {
    EngineExecutionResults results =
        withoutTools(
            selectMethod("org.semptify.ops.OpsEndpointsTest#metricsPassPromtoolWhenInstalled"));
    results.testEvents().assertStatistics(s -> s.started(1).aborted(1).failed(0));
    assertThat(skipReasons(results))
        .singleElement()
        .asString()
        .contains("/usr/bin/promtool is missing");
  }
}
