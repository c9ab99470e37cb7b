package org.semptify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semptify.store.ContractSupport.runTogether;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semptify.ops.EventSink;
import org.semptify.ops.StoredEvent;

/**
 * What every {@link EventSink} must do. A subclass per implementation supplies a fresh sink, a
 * second one on the same storage (the command line's), and a way to read back what was stored.
 */
public abstract class EventSinkContract {
  private EventSink sink;

  /** A sink on fresh, empty storage; called once per test. */
  protected abstract EventSink create() throws Exception;

  /** A second, independent sink on the storage {@link #create()} made last. */
  protected abstract EventSink another() throws Exception;

  /** Every event stored so far, oldest first, as the implementation reads it back. */
  protected abstract List<StoredEvent> stored() throws Exception;

  @BeforeEach
  void createSink() throws Exception {
    sink = create();
  }

  protected EventSink sink() {
    return sink;
  }

  protected static StoredEvent event(String name, String requestId, Map<String, Object> payload) {
    return new StoredEvent(BigDecimal.valueOf(1_699_123_456_789L, 3), name, requestId, payload);
  }

  @Test
  void aHealthySinkIsWritableAndStoresEachEventWhole() throws Exception {
    assertThat(sink.writable()).isTrue();
    assertThat(sink.lastAppendSucceeded()).isTrue();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("token_id", "ops");
    payload.put("count", 3);
    payload.put("breakglass", true);
    sink.append(event("token_created", null, payload));
    sink.append(event("admin_login", "req-1", Map.of()));

    List<StoredEvent> stored = stored();
    assertThat(stored).hasSize(2);
    assertThat(stored.get(0).ts()).isEqualByComparingTo("1699123456.789");
    assertThat(stored.get(0).event()).isEqualTo("token_created");
    assertThat(stored.get(0).requestId()).isNull();
    assertThat(stored.get(0).payload())
        .isEqualTo(Map.of("token_id", "ops", "count", 3, "breakglass", true));
    assertThat(stored.get(1).event()).isEqualTo("admin_login");
    assertThat(stored.get(1).requestId()).isEqualTo("req-1");
    assertThat(stored.get(1).payload()).isEmpty();
  }

  @Test
  void concurrentAppendsFromTwoHandlesAreAllStoredWhole() throws Exception {
    EventSink elsewhere = another();
    int threads = 4;
    int each = 25;
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      EventSink handle = t % 2 == 0 ? sink : elsewhere;
      int thread = t;
      work.add(
          () -> {
            for (int i = 0; i < each; i++) {
              handle.append(event("error", "t" + thread + "-" + i, Map.of("route", "/r")));
            }
            return null;
          });
    }
    runTogether(work);

    List<StoredEvent> stored = stored();
    assertThat(stored).hasSize(threads * each);
    Set<String> ids = new HashSet<>();
    for (StoredEvent event : stored) {
      assertThat(event.payload()).isEqualTo(Map.of("route", "/r"));
      ids.add(event.requestId());
    }
    assertThat(ids).hasSize(threads * each);
    // each thread's own events keep their order
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      List<String> mine =
          stored.stream().map(StoredEvent::requestId).filter(id -> id.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add(prefix + i);
      }
      assertThat(mine).containsExactlyElementsOf(expected);
    }
  }
}
