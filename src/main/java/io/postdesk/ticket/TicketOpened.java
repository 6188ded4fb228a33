package io.postdesk.ticket;

/** A ticket was opened, from any source. */
public record TicketOpened(long ticketId, TicketSource source) {}
