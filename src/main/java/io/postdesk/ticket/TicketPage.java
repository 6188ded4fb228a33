package io.postdesk.ticket;

import java.util.List;

/** One page of the ticket list, the number of tickets in the view, and the counts for the status buttons. */
public record TicketPage(List<TicketDetails> items, long total, StatusCounts counts, int page, int size) {}
