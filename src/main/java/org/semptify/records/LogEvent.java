package org.semptify.records;

/**
 * One logbook entry: something that happened or will happen.
 *
 * @param time HH:mm, or null for an all-day entry
 * @param linkedDocId the vault document this entry was made for, or null
 * @param source "manual", or what created it automatically (a saved document, a service, a filing)
 */
public record LogEvent(
    String id,
    String date,
    String time,
    String title,
    String type,
    String location,
    String people,
    String notes,
    String linkedDocId,
    String source) {}
