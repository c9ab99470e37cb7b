package org.semptify.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      String lastUsed,
      String role) {}

  public record UserRow(
      String id, String created, boolean enabled, String expires, long storedBytes) {}

  public record EventRow(String time, String event, String requestId, String payload) {}

  /** One field of an event's payload, as text. */
  public record Detail(String name, String value) {}

  /** An event put into words: when, what, what it means, which request, and its fields. */
  public record EventInWords(
      String time, String event, String meaning, String requestId, List<Detail> details) {}

  /** The events page: the filters as given, one page of events newest first, and links. */
  public record EventsPage(
      String actorTokenId,
      String actorRole,
      boolean canAddNote,
      Map<String, String> filters,
      List<String> eventNames,
      List<EventInWords> events,
      int page,
      String previousLink,
      String nextLink,
      String error,
      String flash) {

    /** The filter's value as given, or {@code ""}. */
    public String filter(String name) {
      return filters.getOrDefault(name, "");
    }
  }

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
      String flash,
      String actorRole,
      Set<AdminAction> allowed) {

    /**
     * Whether the signed-in token's role allows {@code action}: the page shows only what it can.
     */
    public boolean can(AdminAction action) {
      return allowed.contains(action);
    }

    /** The token ids the signed-in token may rotate: all for an owner, its own for an operator. */
    public List<TokenRow> rotatable() {
      if (can(AdminAction.MANAGE_TOKENS)) {
        return tokens;
      }
      return can(AdminAction.ROTATE_OWN_TOKEN)
          ? tokens.stream().filter(t -> t.id().equals(actorTokenId)).toList()
          : List.of();
    }

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
