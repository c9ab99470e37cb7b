package org.semptify.records;

/** Someone in the tenant's case. */
public record Contact(
    String id,
    String name,
    String role,
    String organization,
    String phone,
    String email,
    String address,
    String notes) {}
