package org.semptify.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the repository contracts share: waiting for a change to show, and racing threads. */
public final class ContractSupport {
  /** How long a change made elsewhere (another process, a hand edit) may take to be seen. */
  public static final Duration SEEN_WITHIN = Duration.ofSeconds(2);

  private ContractSupport() {}

  /** Waits until {@code condition} holds, at most {@link #SEEN_WITHIN}. */
  public static void eventually(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + SEEN_WITHIN.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not seen within " + SEEN_WITHIN);
      }
      Thread.sleep(20);
    }
  }

  /** Starts every task at the same moment; returns their results, or rethrows the first failure. */
  public static <T> List<T> runTogether(List<? extends Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
