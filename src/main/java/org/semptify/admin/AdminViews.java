package org.semptify.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.semptify.ops.CheckResult;

/** What the admin dashboard shows: values only, already safe to print (no hashes, no secrets). */
public final class AdminViews {
  private AdminViews() {}

  public record TokenRow(
      String id,
      String created,
      boolean enabled,
      boolean breakglass,
      String expires,
      String lastUsed) {}

  public record UserRow(
      String id, String created, boolean enabled, String expires, long storedBytes) {}

  public record EventRow(String time, String event, String requestId, String payload) {}

  public record Dashboard(
      String actorTokenId,
      String readinessStatus,
      Map<String, CheckResult> checks,
      Map<String, Long> counters,
      String tokenFileProblem,
      List<TokenRow> tokens,
      String userFileProblem,
      List<UserRow> users,
      int userPage,
      int userPages,
      int userCount,
      List<EventRow> events,
      String eventFilter,
      List<String> eventNames,
      String flash) {

    public boolean hasPreviousUserPage() {
      return userPage > 1;
    }

    public boolean hasNextUserPage() {
      return userPage < userPages;
    }
  }

  public static String time(Long epochSeconds) {
    return epochSeconds == null || epochSeconds <= 0
        ? "—"
        : Instant.ofEpochSecond(epochSeconds).toString();
  }
}
