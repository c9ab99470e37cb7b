package org.semptify.store;

import java.util.Locale;
import java.util.Optional;

/**
 * What an admin token may do, highest first: {@code owner} (everything), {@code operator} (users,
 * viewing, incident notes, its own token), {@code auditor} (read-only). Stored as {@code "role"} in
 * {@code admin_tokens.json}; an entry without one is {@code owner}. Which action needs which role
 * is {@code org.semptify.admin.AdminAction}'s table.
 */
public enum AdminRole {
  OWNER,
  OPERATOR,
  AUDITOR;

  /** The name stored and shown, e.g. {@code operator}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this role may do what {@code required} may (owner ⊇ operator ⊇ auditor). */
  public boolean atLeast(AdminRole required) {
    return ordinal() <= required.ordinal();
  }

  /** The role named {@code name} ({@code owner}, {@code operator}, {@code auditor}), if any. */
  public static Optional<AdminRole> parse(String name) {
    for (AdminRole role : values()) {
      if (role.wireName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
