package org.semptify.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.semptify.testing.MutableClock;

/**
 * {@code /metrics} keeps its bytes: the goldens in src/test/resources/metrics/ were written by the
 * earlier implementation (the client library's counters, histogram and registry snapshot, written
 * into a String, then encoded) for {@link MetricsWorkload}; the same workload is also run through
 * the library itself, step by step, and the bytes compared each time.
 */
class MetricsExpositionTest {
  private static final Path GOLDENS = Path.of("src/test/resources/metrics");

  @Test
  void aFreshServerWritesTheGolden() throws Exception {
    Metrics metrics = new Metrics(MetricsWorkload.clock());
    assertThat(metrics.exposition().toByteArray())
        .isEqualTo(Files.readAllBytes(GOLDENS.resolve("fresh.txt")));
  }

  @Test
  void theWorkloadWritesTheGolden() throws Exception {
    // The golden's sums went through Java 17's Double.toString; later JDKs write some doubles with
    // fewer digits (JDK-4511638), for the library's writer as for this one: the comparison with the
    // library below runs on every JDK.
    assumeThat(Runtime.version().feature()).isEqualTo(17);
    MutableClock clock = MetricsWorkload.clock();
    Metrics metrics = new Metrics(clock);
    MetricsWorkload.run(metrics, clock);
    byte[] golden = Files.readAllBytes(GOLDENS.resolve("workload.txt"));
    assertThat(new String(metrics.exposition().toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    assertThat(metrics.exposition().toByteArray()).isEqualTo(golden);
    assertThat(metrics.scrape()).isEqualTo(new String(golden, StandardCharsets.UTF_8));
  }

  @Test
  void theWorkloadWritesWhatTheLibraryWritesAtEveryStep() throws Exception {
    MutableClock clock = MetricsWorkload.clock();
    Metrics metrics = new Metrics(clock);
    LibraryMetrics library = new LibraryMetrics(metrics, clock);
    List<MetricsWorkload.Operation> ops = MetricsWorkload.operations();
    int step = 0;
    for (int from = 0; from < ops.size(); from += step) {
      step = Math.min(ops.size() - from, 1 + from / 3);
      List<MetricsWorkload.Operation> some = ops.subList(from, from + step);
      MetricsWorkload.apply(some, metrics);
      library.apply(some);
      clock.advance(java.time.Duration.ofMillis(from * 7L + 3));
      assertThat(metrics.exposition().toByteArray())
          .as("after %d", from + step)
          .isEqualTo(library.write());
    }
  }

  private static final Pattern LINE =
      Pattern.compile(
          "(?m)^request_duration_seconds_(bucket|count|sum)\\{([^}]*?)(?:,le=\"[^\"]+\")?\\} (\\S+)$");

  @Test
  void aScrapeDuringRequestsShowsEachSeriesAsOfOneMoment() throws Exception {
    Metrics metrics = new Metrics(MetricsWorkload.clock());
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(2);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread =
          new Thread(
              () -> {
                started.countDown();
                for (long i = 0; !done.get(); i++) {
                  metrics.requestFinished(i % 3 == 0 ? "/a" : "/b", "GET", 1.0 / (1 + i % 16));
                }
              });
      thread.start();
      threads.add(thread);
    }
    started.await();
    long lastRequests = 0;
    for (int scrape = 0; scrape < 300; scrape++) {
      String text = metrics.scrape();
      Map<String, List<Long>> buckets = new HashMap<>();
      Map<String, Long> counts = new HashMap<>();
      Map<String, Double> sums = new HashMap<>();
      Matcher m = LINE.matcher(text);
      while (m.find()) {
        switch (m.group(1)) {
          case "bucket" ->
              buckets
                  .computeIfAbsent(m.group(2), k -> new ArrayList<>())
                  .add(Long.parseLong(m.group(3)));
          case "count" -> counts.put(m.group(2), Long.parseLong(m.group(3)));
          default -> sums.put(m.group(2), Double.parseDouble(m.group(3)));
        }
      }
      long total = 0;
      for (Map.Entry<String, List<Long>> series : buckets.entrySet()) {
        List<Long> cumulative = series.getValue();
        assertThat(cumulative).hasSize(Metrics.DURATION_BOUNDS.length + 1).isSorted();
        long count = counts.get(series.getKey());
        assertThat(cumulative.get(cumulative.size() - 1)).isEqualTo(count);
        // Every observation is at least 1/16 s and at most 1 s: the sum agrees with the count.
        assertThat(sums.get(series.getKey())).isBetween(count / 16.0 - 1e-6, count + 1e-6);
        total += count;
      }
      Matcher requests = Pattern.compile("(?m)^requests_total (\\S+)$").matcher(text);
      assertThat(requests.find()).isTrue();
      long requestsTotal = (long) Double.parseDouble(requests.group(1));
      assertThat(requestsTotal).isGreaterThanOrEqualTo(lastRequests);
      lastRequests = requestsTotal;
      assertThat(total).isGreaterThanOrEqualTo(0);
    }
    done.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    // Once the requests stop, the scrape shows every one of them.
    String text = metrics.scrape();
    long counted = 0;
    Matcher m = LINE.matcher(text);
    while (m.find()) {
      if (m.group(1).equals("count")) {
        counted += Long.parseLong(m.group(3));
      }
    }
    assertThat(text).contains("requests_total " + Double.toString((double) counted) + "\n");
    assertThat(counted).isEqualTo(metrics.counterSnapshot().get("requests_total"));
  }
}
