package org.semptify.users;

/** A request's right to one vault: the account id and the data key its token unwrapped. */
public record VaultAccess(String userId, byte[] dataKey) {}
