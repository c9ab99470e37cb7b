package org.semptify.admin;

import org.semptify.store.AdminRole;

/**
 * An authenticated admin whose role does not allow this route or action: 403 {@code
 * {"error":"forbidden"}}, or for browsers a page naming the role needed.
 */
public final class AdminForbiddenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String tokenId;
  private final AdminRole role;
  private final AdminRole required;

  public AdminForbiddenException(String tokenId, AdminRole role, AdminRole required) {
    super("forbidden");
    this.tokenId = tokenId;
    this.role = role;
    this.required = required;
  }

  public String tokenId() {
    return tokenId;
  }

  public AdminRole role() {
    return role;
  }

  public AdminRole required() {
    return required;
  }
}
