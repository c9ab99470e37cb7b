package org.semptify.config;

/**
 * Limits of the user-facing plane.
 *
 * @param maxUploadBytes largest single upload ({@code SEMPTIFY_MAX_UPLOAD_MB})
 * @param quotaBytes bytes one vault may hold ({@code SEMPTIFY_USER_QUOTA_MB})
 * @param registerMax registrations per client address per window ({@code
 *     SEMPTIFY_REGISTER_RATE_MAX})
 * @param registerWindowSeconds {@code SEMPTIFY_REGISTER_RATE_WINDOW}
 * @param authFailMax failed vault sign-ins per client address per window ({@code
 *     SEMPTIFY_AUTH_FAIL_MAX})
 * @param authFailWindowSeconds {@code SEMPTIFY_AUTH_FAIL_WINDOW}
 */
public record VaultSettings(
    long maxUploadBytes,
    long quotaBytes,
    int registerMax,
    int registerWindowSeconds,
    int authFailMax,
    int authFailWindowSeconds) {}
