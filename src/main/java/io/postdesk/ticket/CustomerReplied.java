package io.postdesk.ticket;

/** The contact or a collaborator added a message to a ticket. */
public record CustomerReplied(long ticketId, long messageId, long contactId) {}
