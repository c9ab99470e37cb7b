package org.semptify.documents;

/**
 * A next step offered once a form is saved: the message key of its label and the page (a path on
 * this site) that does it, pre-filled.
 */
public record FollowUp(String labelKey, String href) {}
