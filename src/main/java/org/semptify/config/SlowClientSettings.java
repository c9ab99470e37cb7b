package org.semptify.config;

/**
 * Protection against slow request bodies (a client that declares a body and sends it a byte at a
 * time, holding a server thread): the bodies read at once are bounded, each must keep up an average
 * rate, and a read that waits longer than the idle timeout fails.
 *
 * @param maxConcurrentUploads requests with a body (POST, PUT, PATCH, DELETE) served at once; more
 *     wait, holding no thread, up to {@code queueSeconds}, then get 503
 * @param minBytesPerSecond the lowest average rate a request body may arrive at, from its first
 *     byte; slower bodies are cut off with 408 ({@code 0} disables)
 * @param idleTimeoutSeconds how long a connection, or a read of a request body, may wait for the
 *     next byte
 * @param queueSeconds how long a request with a body may wait for one of the {@code
 *     maxConcurrentUploads} places
 */
public record SlowClientSettings(
    int maxConcurrentUploads, long minBytesPerSecond, int idleTimeoutSeconds, int queueSeconds) {}
