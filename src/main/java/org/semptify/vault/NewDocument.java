package org.semptify.vault;

/**
 * What the uploader tells us about a file; everything here is untrusted input, already sanitised.
 */
public record NewDocument(String filename, String category, String description, String eventDate) {}
