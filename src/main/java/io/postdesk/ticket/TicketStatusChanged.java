package io.postdesk.ticket;

/** A ticket's status changed, by hand or by a lifecycle rule. */
public record TicketStatusChanged(long ticketId, TicketStatus from, TicketStatus to) {}
