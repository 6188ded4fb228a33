package io.postdesk.ticket;

/**
 * The search index of tickets, for code that changes tickets around {@link TicketManagement}: whatever the database,
 * the same two operations keep search right (docs/adr/0020).
 */
public interface TicketIndex {

    /**
     * Brings the ticket's entry up to date with what is in the database now, in the caller's transaction: call it after
     * any write that changes a ticket's searchable text outside {@link TicketManagement} (moving messages to another
     * ticket: reindex both). A ticket that no longer exists leaves the index.
     */
    void reindex(long ticketId);

    /**
     * Indexes the tickets written straight into the database (bulk imports, benchmarks) that are newer than every
     * indexed one, and returns how many it indexed.
     */
    long catchUp();
}
