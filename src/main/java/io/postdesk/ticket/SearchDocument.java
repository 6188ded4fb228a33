package io.postdesk.ticket;

import java.util.regex.Pattern;

/**
 * The searchable text of one ticket, in four parts that weigh differently: the subject; the people (contact and
 * collaborators, names and addresses), tags and attachment file names of messages customers see; the visible text of
 * those messages (not quoted history); and team notes with their file names, which only staff search. Every part is
 * already split into words the way {@link SearchQuery} splits a query (letters and digits; anything else is a space),
 * so both engines see the same words, and bounded in length.
 */
record SearchDocument(long ticketId, String subject, String people, String messages, String notes) {

    /** Each part is cut here: a pasted log must not cost a megabyte of index (PostgreSQL caps a tsvector at 1 MB). */
    static final int MAX_PART = 100_000;

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The text as words separated by single spaces, lower-cased, at most {@link #MAX_PART} characters. */
    static String words(CharSequence text) {
        String cut = text.length() > MAX_PART ? text.subSequence(0, MAX_PART).toString() : text.toString();
        return SEPARATORS
                .matcher(cut.toLowerCase(java.util.Locale.ROOT))
                .replaceAll(" ")
                .strip();
    }
}
