package org.semptify.users.web;

/**
 * A token arrived in a link's query from another site, or while another vault is open: the vault is
 * not switched silently; the browser is asked to confirm first (a same-origin form that posts the
 * token to {@code /vault/open}). Carries no token: the page reads it from the request.
 */
public final class VaultSwitchRequested extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VaultSwitchRequested() {
    super("confirm opening a different vault", null, false, false);
  }
}
