package io.postdesk.ticket;

/** Staff replied to the customer on a ticket (a reply meant to be emailed, not a team note). */
public record StaffReplied(long ticketId, long messageId, long staffId) {}
