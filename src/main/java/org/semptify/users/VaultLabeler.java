package org.semptify.users;

/**
 * Stores the label a user chose at registration inside their encrypted vault (never in users.json).
 */
@FunctionalInterface
public interface VaultLabeler {
  void label(VaultAccess access, String label) throws java.io.IOException;
}
