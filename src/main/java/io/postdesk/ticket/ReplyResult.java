package io.postdesk.ticket;

/** The message a reply added and the ticket as the lifecycle left it. */
public record ReplyResult(ThreadEntry entry, Ticket ticket) {}
