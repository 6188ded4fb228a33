package io.postdesk.ticket;

/** Staff added an internal note: it must never reach a customer. */
public record TeamNoteAdded(long ticketId, long messageId, long staffId) {}
