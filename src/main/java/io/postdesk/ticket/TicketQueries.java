package io.postdesk.ticket;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reads on tickets. A page of the list costs a fixed number of queries whatever its size: the page, then the
 * people, tags and collaborators of all its tickets at once; the status counts come from the counts table.
 */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;
    /** Deep offsets get slower with every page; beyond this, narrow the view with filters. */
    public static final int MAX_OFFSET = 10_000;

    private final TicketRepository tickets;
    private final TicketCounts counts;
    private final ContactDirectory contacts;
    private final StaffDirectory staff;
    private final Attachments attachments;

    TicketQueries(
            TicketRepository tickets,
            TicketCounts counts,
            ContactDirectory contacts,
            StaffDirectory staff,
            Attachments attachments) {
        this.tickets = tickets;
        this.counts = counts;
        this.contacts = contacts;
        this.staff = staff;
        this.attachments = attachments;
    }

    /** One page of the tickets matching the filter, newest first; {@code page} counts from 0. */
    public TicketPage list(TicketFilter filter, int page, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (page < 0) {
            throw new InvalidInputException("page", "must not be negative");
        }
        long offset = (long) page * size;
        if (offset > MAX_OFFSET) {
            throw new InvalidInputException(
                    "page", "pages beyond the first " + MAX_OFFSET + " tickets are not served; narrow the filters");
        }
        StatusCounts statusCounts;
        long total;
        if (filter.isView()) {
            // A view's buttons show the helpdesk-wide counts; its own total is counted to the last page served.
            statusCounts = new StatusCounts(counts.byStatus(filter.spam(), filter.priority()));
            total = filter.hasQuery() || filter.assigneeId() != null || filter.unassigned() || filter.status() != null
                    ? tickets.countUpTo(filter, viewBound(page, size))
                    : TicketFilter.UNSOLVED.stream().mapToLong(statusCounts::of).sum();
        } else {
            if (filter.isCountedAhead()) {
                statusCounts = new StatusCounts(counts.byStatus(filter.spam(), filter.priority()));
            } else if (filter.hasQuery()) {
                var counted = tickets.countByStatus(filter, StatusCounts.CAP + 1);
                boolean capped =
                        counted.values().stream().mapToLong(Long::longValue).sum() > StatusCounts.CAP;
                statusCounts = new StatusCounts(counted, capped);
            } else {
                statusCounts = new StatusCounts(tickets.countByStatus(filter, 0));
            }
            total = filter.status() == null ? statusCounts.all() : statusCounts.of(filter.status());
        }
        // A capped count may miss tickets of the chosen status: then the page is read whatever the count says.
        List<Ticket> rows =
                offset >= total && !statusCounts.capped() ? List.of() : tickets.list(filter, (int) offset, size);
        return new TicketPage(details(rows), total, statusCounts, page, size, snippets(filter, rows));
    }

    /** Where the search was found in each ticket's messages: one query for the whole page. */
    private Map<Long, String> snippets(TicketFilter filter, List<Ticket> rows) {
        if (!filter.hasQuery() || rows.isEmpty()) {
            return Map.of();
        }
        SearchQuery search = SearchQuery.parse(filter.query());
        if (!search.hasText()) {
            return Map.of();
        }
        Map<Long, String> snippets = new java.util.HashMap<>();
        // The list is staff's: a team note is where a staff search may have been found.
        tickets.visibleTexts(rows.stream().map(Ticket::id).toList(), true)
                .forEach((id, texts) -> texts.stream()
                        .map(text -> Snippet.of(text, search))
                        .filter(Objects::nonNull)
                        .findFirst()
                        .ifPresent(snippet -> snippets.put(id, snippet)));
        return snippets;
    }

    /**
     * How far a view's total is counted for a page: {@link #VIEW_COUNT_BOUND} past it (the pager reaches ahead), at
     * most to the last page served; a total equal to this means "at least".
     */
    public static int viewBound(int page, int size) {
        return (int) Math.min((long) MAX_OFFSET + size, (long) page * size + size + VIEW_COUNT_BOUND);
    }

    /** Views counted beyond this show as "{@value}+": the count reads at most this many index entries. */
    public static final int VIEW_COUNT_BOUND = 1_000;

    /**
     * The numbers next to the views (My tickets, Unassigned, All open, Pending), spam left out. Each costs at most
     * {@link #VIEW_COUNT_BOUND} index entries or a read of the counts table; a value equal to the bound means "at
     * least".
     */
    public ViewCounts viewCounts(long staffId) {
        var all = new StatusCounts(counts.byStatus(false, null));
        return new ViewCounts(
                tickets.countUpTo(
                        new TicketFilter(null, null, staffId, null, false, false, true, TicketSort.NEWEST),
                        VIEW_COUNT_BOUND),
                tickets.countUpTo(
                        new TicketFilter(null, null, null, null, false, true, true, TicketSort.NEWEST),
                        VIEW_COUNT_BOUND),
                TicketFilter.UNSOLVED.stream().mapToLong(all::of).sum(),
                all.of(TicketStatus.PENDING));
    }

    /** The tickets a customer may see in the portal (own and collaborating), newest first; {@code page} from 0. */
    public List<TicketDetails> forContact(long contactId, int page, int size) {
        return forContact(contactId, null, page, size);
    }

    /** The customer's tickets matching a search ({@link SearchQuery}, without assignee filters); {@code page} from 0. */
    public List<TicketDetails> forContact(
            long contactId, @org.jspecify.annotations.Nullable String query, int page, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE || page < 0 || (long) page * size > MAX_OFFSET) {
            throw new InvalidInputException("page", "out of range");
        }
        return details(tickets.forContact(contactId, query, page * size, size));
    }

    public Ticket ticket(long id) {
        return tickets.findById(id).orElseThrow(() -> new NotFoundException("ticket", id));
    }

    public TicketDetails details(long id) {
        return details(List.of(ticket(id))).getFirst();
    }

    /** The thread, oldest first, with attachments; internal notes only when {@code includeInternal}. */
    public List<ThreadEntry> thread(long ticketId, boolean includeInternal) {
        ticket(ticketId);
        List<TicketMessage> messages = tickets.messages(ticketId, includeInternal);
        Map<Long, List<Attachment>> files = attachments.forMessages(
                Attachments.Owner.TICKET_MESSAGE,
                messages.stream().map(TicketMessage::id).toList());
        return messages.stream()
                .map(m -> new ThreadEntry(m, files.getOrDefault(m.id(), List.of())))
                .toList();
    }

    /** The ticket whose email thread starts with this Message-ID. */
    public java.util.Optional<Long> findByThreadMessageId(String internetMessageId) {
        return tickets.ticketByThreadMessageId(internetMessageId);
    }

    /** The ticket one of whose messages was sent or received with this Message-ID. */
    public java.util.Optional<Long> findByMessageEmailId(String internetMessageId) {
        return tickets.ticketByMessageEmailId(internetMessageId);
    }

    /**
     * The ticket this one was merged into, when it was: always the final target, so mail and the portal hand on with
     * one lookup (ADR 0021).
     */
    public java.util.Optional<Long> mergedInto(long ticketId) {
        return tickets.mergedInto(ticketId);
    }

    /** The thread's system entries (merged, split), oldest first; for staff. */
    public List<TicketLink> links(long ticketId) {
        return tickets.links(ticketId);
    }

    /** A message customers may see (not an internal note), for serving its files in the portal. */
    public java.util.Optional<TicketMessage> findVisibleMessage(long messageId) {
        return tickets.findMessage(messageId).filter(m -> !m.internal());
    }

    /** Whether the contact may see the ticket: it is theirs or they collaborate on it. */
    public boolean isParticipant(long ticketId, long contactId) {
        return tickets.isParticipant(ticket(ticketId), contactId);
    }

    private List<TicketDetails> details(List<Ticket> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Ticket::id).toList();
        Map<Long, List<String>> tags = tickets.tagsOf(ids);
        Map<Long, List<Long>> collaborators = tickets.collaboratorsOf(ids);
        Set<Long> contactIds = new HashSet<>();
        rows.stream().map(Ticket::contactId).filter(Objects::nonNull).forEach(contactIds::add);
        collaborators.values().forEach(contactIds::addAll);
        Map<Long, Contact> people = byId(contacts.allById(contactIds), Contact::id);
        Map<Long, StaffMember> assignees = byId(
                staff.allById(rows.stream()
                        .map(Ticket::assigneeId)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet())),
                StaffMember::id);
        return rows.stream()
                .map(t -> new TicketDetails(
                        t,
                        t.assigneeId() == null ? null : assignees.get(t.assigneeId()),
                        t.contactId() == null ? null : people.get(t.contactId()),
                        collaborators.getOrDefault(t.id(), List.of()).stream()
                                .map(people::get)
                                .toList(),
                        tags.getOrDefault(t.id(), List.of())))
                .toList();
    }

    private static <T> Map<Long, T> byId(Collection<T> items, Function<T, Long> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
