/**
 * Tickets, their threads and the lifecycle of SPEC §1. {@link io.postdesk.ticket.TicketManagement} holds the commands
 * (open, reply, add a note, change, mark spam, delete), {@link io.postdesk.ticket.TicketQueries} the reads (the list
 * with its status counts, one ticket, its thread). The module reaches the outside only by publishing events
 * ({@link io.postdesk.ticket.TicketOpened}, {@link io.postdesk.ticket.StaffReplied}, ...); marking a ticket as spam
 * lists its sender on the {@code spam} list in the same transaction.
 */
@ApplicationModule(allowedDependencies = {"shared", "contact", "staff", "spam", "attachment"})
@NullMarked
package io.postdesk.ticket;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
