package io.postdesk.ticket;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.AttachmentPolicy;
import io.postdesk.attachment.Attachments;
import io.postdesk.attachment.MessageContent;
import io.postdesk.attachment.NewAttachment;
import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.ConflictException;
import io.postdesk.shared.Direction;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.Texts;
import io.postdesk.spam.SpamList;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The commands on tickets. Each runs in one transaction and publishes what happened as an event. */
@Service
public class TicketManagement {

    static final int MAX_SUBJECT = 255;
    static final int MAX_BODY = 100_000;
    /** The most tags a ticket carries. */
    public static final int MAX_TAGS = 20;

    static final int MAX_TAG = 50;

    private final TicketRepository tickets;
    private final TicketSearch search;
    private final TicketCounts counts;
    private final ContactDirectory contacts;
    private final StaffDirectory staff;
    private final SpamList spamList;
    private final Attachments attachments;
    private final AttachmentPolicy attachmentPolicy;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TicketManagement(
            TicketRepository tickets,
            TicketSearch search,
            TicketCounts counts,
            ContactDirectory contacts,
            StaffDirectory staff,
            SpamList spamList,
            Attachments attachments,
            AttachmentPolicy attachmentPolicy,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tickets = tickets;
        this.search = search;
        this.counts = counts;
        this.contacts = contacts;
        this.staff = staff;
        this.spamList = spamList;
        this.attachments = attachments;
        this.attachmentPolicy = attachmentPolicy;
        this.events = events;
        this.clock = clock;
    }

    /** Opens a ticket; an unknown contact email becomes a contact first. */
    @Transactional
    public Ticket open(NewTicket request) {
        Ticket ticket = open(request, null).ticket();
        search.reindex(ticket.id());
        counts.added(ticket);
        return ticket;
    }

    private record Opened(Ticket ticket, @Nullable Contact contact) {}

    /** Inserts the ticket; the returned one is what was stored (no read-back: the row holds exactly these values). */
    private Opened open(NewTicket request, @Nullable String threadMessageId) {
        String subject = Texts.singleLine(request.subject(), "subject", MAX_SUBJECT, true);
        String description = Texts.trimmed(request.description(), "description", MAX_BODY, false);
        Contact contact = contactFor(request.contactEmail(), request.contactName());
        Long assigneeId = request.assigneeId() == null ? null : existingStaff(request.assigneeId(), "assigneeId");
        List<String> tags = validTags(request.tags());
        Instant now = now();
        Ticket draft = new Ticket(
                0,
                subject,
                description,
                TicketStatus.OPEN,
                request.priority() == null ? TicketPriority.DEFAULT : request.priority(),
                request.source(),
                assigneeId,
                contact == null ? null : contact.id(),
                false,
                newRoutingToken(),
                threadMessageId,
                now,
                now,
                null,
                null);
        Ticket ticket = draft.withId(tickets.insert(draft));
        if (!tags.isEmpty()) {
            tickets.replaceTags(ticket.id(), tags);
        }
        events.publishEvent(new TicketOpened(ticket.id(), ticket.source()));
        return new Opened(ticket, contact);
    }

    /** Applies a partial update from the sidebar or the API. */
    @Transactional
    public Ticket change(long ticketId, TicketChanges changes) {
        Ticket before = locked(ticketId);
        Instant now = now();
        Ticket after = before;
        if (changes.status() != null) {
            after = after.withStatus(changes.status(), now);
        }
        if (changes.priority() != null && changes.priority() != after.priority()) {
            after = after.withPriority(changes.priority(), now);
        }
        if (changes.assigneeChanged()) {
            Long assignee = changes.assigneeId() == null ? null : existingStaff(changes.assigneeId(), "assigneeId");
            after = after.withAssignee(assignee, now);
        }
        if (changes.tags() != null) {
            tickets.replaceTags(ticketId, validTags(changes.tags()));
            search.reindex(ticketId);
            after = after.touched(now);
        }
        return saved(before, after);
    }

    /**
     * A reply by staff. Not internal: meant for the customer, and the first one on an open ticket starts work on it.
     * Internal: a team note, which changes nothing and reaches nobody outside staff.
     */
    @Transactional
    public ReplyResult reply(long ticketId, long staffId, String body, boolean internal, List<NewAttachment> files) {
        return reply(ticketId, staffId, MessageContent.typed(body, files), internal);
    }

    /** A reply or team note by staff, typed or sent by email (a staff member answering a notification). */
    @Transactional
    public ReplyResult reply(long ticketId, long staffId, MessageContent content, boolean internal) {
        Ticket before = locked(ticketId);
        StaffMember author = staff.get(staffId);
        Instant now = now();
        ThreadEntry entry = store(
                ticketId,
                Direction.OUTBOUND,
                internal,
                staffId,
                null,
                author.email().value(),
                content,
                now);
        Ticket after = saved(before, internal ? before.touched(now) : before.afterStaffReply(staffId, now));
        events.publishEvent(
                internal
                        ? new TeamNoteAdded(ticketId, entry.message().id(), staffId)
                        : new StaffReplied(ticketId, entry.message().id(), staffId));
        return new ReplyResult(entry, after);
    }

    /** A message from the ticket's contact or a collaborator (portal or email); reopens a finished ticket. */
    @Transactional
    public ReplyResult addCustomerMessage(long ticketId, long contactId, String body, List<NewAttachment> files) {
        return addCustomerMessage(ticketId, contactId, MessageContent.typed(body, files));
    }

    /** A message from the ticket's contact or a collaborator, typed or mailed; reopens a finished ticket. */
    @Transactional
    public ReplyResult addCustomerMessage(long ticketId, long contactId, MessageContent content) {
        Ticket before = lockedFollowingMerge(ticketId);
        Contact author = contacts.get(contactId);
        if (!tickets.isParticipant(before, contactId)) {
            throw new NotFoundException("ticket", ticketId);
        }
        return customerMessage(before, author, content);
    }

    /**
     * A mailed answer on a ticket's thread from someone who is not staff: a sender who is not yet a participant (a
     * colleague of the customer, a new address) joins as collaborator and follows the ticket from now on.
     */
    @Transactional
    public ReplyResult addMessageFromThread(long ticketId, Contact author, MessageContent content) {
        Ticket before = lockedFollowingMerge(ticketId);
        if (!tickets.isParticipant(before, author.id())) {
            tickets.addCollaborator(before.id(), author.id(), now());
        }
        return customerMessage(before, author, content);
    }

    private ReplyResult customerMessage(Ticket before, Contact author, MessageContent content) {
        Instant now = now();
        ThreadEntry entry = store(
                before.id(),
                Direction.INBOUND,
                false,
                null,
                author.id(),
                author.email().value(),
                content,
                now);
        Ticket after = saved(before, before.afterCustomerReply(now));
        events.publishEvent(new CustomerReplied(before.id(), entry.message().id(), author.id()));
        return new ReplyResult(entry, after);
    }

    /**
     * Opens a ticket whose thread starts with the customer's message: an email (its Message-ID becomes the thread's
     * root, so replies find the ticket), a portal request, or a chat transcript.
     */
    @Transactional
    public ReplyResult openWithMessage(NewTicket request, MessageContent firstMessage) {
        Opened opened = open(request, firstMessage.emailMessageId());
        Contact author = Objects.requireNonNull(opened.contact(), "a ticket opened by a message has a contact");
        ThreadEntry entry = store(
                opened.ticket().id(),
                Direction.INBOUND,
                false,
                null,
                author.id(),
                author.email().value(),
                firstMessage,
                opened.ticket().createdAt());
        // Every new ticket updates the same counts row: last, so its lock is held until commit only, not while a
        // mail's message, attachments and search words are written (a huge mail would stall every other one).
        counts.added(opened.ticket());
        return new ReplyResult(entry, opened.ticket());
    }

    /** Adds a contact (created if unknown) as a collaborator who follows the ticket and may reply. */
    @Transactional
    public Contact addCollaborator(long ticketId, String email, @Nullable String name) {
        Ticket ticket = locked(ticketId);
        Contact contact = contacts.findOrCreate(EmailAddress.parse(email, "email"), name);
        if (!Long.valueOf(contact.id()).equals(ticket.contactId())) {
            tickets.addCollaborator(ticketId, contact.id(), now());
            search.reindex(ticketId);
        }
        return contact;
    }

    @Transactional
    public void removeCollaborator(long ticketId, long contactId) {
        locked(ticketId);
        tickets.removeCollaborator(ticketId, contactId);
        search.reindex(ticketId);
    }

    /**
     * Merges one ticket into another (ADR 0021). The source's messages and notes move to the target, where the thread
     * reads in time order, their attachments with them; its tags and collaborators join the target's, and its
     * contact becomes a collaborator there when different, so they can follow it in the portal. The source is closed
     * with a system entry "Merged into #N", the target gets "Merged #M into this ticket", and later mail that threads
     * to the source is handed on to the target ({@link TicketQueries#mergedInto}).
     *
     * @throws InvalidInputException merging a ticket into itself, or into one that does not exist
     * @throws ConflictException either ticket already merged, or marked as spam
     */
    @Transactional
    public Ticket merge(long sourceId, long targetId, @Nullable Long staffId) {
        if (sourceId == targetId) {
            throw new InvalidInputException("into", "a ticket cannot be merged into itself");
        }
        // Both rows locked, lower id first, so two merges of the same pair in opposite directions cannot deadlock.
        Ticket first = sourceId < targetId ? locked(sourceId) : lockedTarget(targetId);
        Ticket second = sourceId < targetId ? lockedTarget(targetId) : locked(sourceId);
        Ticket source = sourceId < targetId ? first : second;
        Ticket target = sourceId < targetId ? second : first;
        tickets.mergedInto(sourceId).ifPresent(into -> {
            throw new ConflictException("id", "ticket #" + sourceId + " was already merged into #" + into);
        });
        tickets.mergedInto(targetId).ifPresent(into -> {
            throw new ConflictException(
                    "into", "ticket #" + targetId + " was merged into #" + into + "; merge into #" + into + " instead");
        });
        if (source.spam() || target.spam()) {
            throw new ConflictException(
                    source.spam() ? "id" : "into",
                    "ticket #" + (source.spam() ? sourceId : targetId) + " is marked as spam; unmark it first");
        }
        Instant now = now();
        tickets.moveMessages(sourceId, targetId);
        mergeTags(sourceId, targetId);
        List<Long> joining = new ArrayList<>();
        if (source.contactId() != null) {
            joining.add(source.contactId());
        }
        joining.addAll(tickets.collaboratorsOf(List.of(sourceId)).getOrDefault(sourceId, List.of()));
        for (Long contactId : joining) {
            if (!contactId.equals(target.contactId())) {
                tickets.addCollaborator(targetId, contactId, now);
            }
        }
        tickets.markMerged(sourceId, targetId);
        tickets.insertLink(sourceId, TicketLink.Kind.MERGED_INTO, targetId, staffId, now);
        tickets.insertLink(targetId, TicketLink.Kind.MERGED_FROM, sourceId, staffId, now);
        saved(source, source.withStatus(TicketStatus.CLOSED, now));
        Ticket merged = saved(target, target.touched(now));
        // Both entries rebuilt from what each ticket now holds: the target is found by the source's words, the closed
        // source only by what is left on it (its subject and people).
        search.reindex(sourceId);
        search.reindex(targetId);
        return merged;
    }

    /** Tags of both tickets, the target's first, at most {@link #MAX_TAGS}. */
    private void mergeTags(long sourceId, long targetId) {
        Map<Long, List<String>> tags = tickets.tagsOf(List.of(sourceId, targetId));
        Set<String> merged = new LinkedHashSet<>(tags.getOrDefault(targetId, List.of()));
        merged.addAll(tags.getOrDefault(sourceId, List.of()));
        if (merged.size() != tags.getOrDefault(targetId, List.of()).size()) {
            tickets.replaceTags(targetId, merged.stream().limit(MAX_TAGS).toList());
        }
    }

    /**
     * Splits a customer message off into a new ticket (ADR 0021): same contact (the message's author), the given
     * subject or the old one, the message and its attachments moved; a system entry on both tickets links them, and
     * replies to the message's Message-ID land on the new ticket (it roots the new ticket's thread).
     *
     * @throws InvalidInputException the message is not on this ticket, or is not a customer message
     * @throws ConflictException the ticket's only message, or a merged or spam ticket
     */
    @Transactional
    public Ticket split(long ticketId, long messageId, @Nullable String subject, @Nullable Long staffId) {
        Ticket old = locked(ticketId);
        tickets.mergedInto(ticketId).ifPresent(into -> {
            throw new ConflictException("id", "ticket #" + ticketId + " was merged into #" + into);
        });
        if (old.spam()) {
            throw new ConflictException("id", "ticket #" + ticketId + " is marked as spam");
        }
        TicketMessage message = tickets.findMessage(messageId)
                .filter(m -> m.ticketId() == ticketId)
                .orElseThrow(() ->
                        new InvalidInputException("messageId", "no message #" + messageId + " on ticket #" + ticketId));
        if (message.internal() || message.direction() != Direction.INBOUND) {
            throw new InvalidInputException("messageId", "only a customer message can be split into a new ticket");
        }
        if (tickets.messageCount(ticketId) < 2) {
            throw new ConflictException("messageId", "the ticket's only message cannot be split off");
        }
        Long authorId = message.authorContactId() != null ? message.authorContactId() : old.contactId();
        Contact author = authorId == null ? null : contacts.get(authorId);
        Opened opened = open(
                new NewTicket(
                        subject == null || subject.isBlank() ? old.subject() : subject,
                        null,
                        old.priority(),
                        old.source(),
                        author == null ? null : author.name(),
                        author == null ? null : author.email().value(),
                        null,
                        List.of()),
                message.emailMessageId());
        Ticket created = opened.ticket();
        tickets.moveMessage(messageId, created.id());
        Instant now = now();
        tickets.insertLink(ticketId, TicketLink.Kind.SPLIT_INTO, created.id(), staffId, now);
        tickets.insertLink(created.id(), TicketLink.Kind.SPLIT_FROM, ticketId, staffId, now);
        Ticket after = old.touched(now);
        if (message.emailMessageId() != null && message.emailMessageId().equals(old.threadMessageId())) {
            // The old thread's root moved away: replies to it now find the new ticket, the old one roots at its next.
            after = after.withThreadMessageId(
                    tickets.firstEmailMessageId(ticketId).orElse(null));
        }
        saved(old, after);
        search.reindex(ticketId);
        search.reindex(created.id());
        counts.added(created);
        return created;
    }

    /**
     * The ticket locked, or the one it was merged into: a merged ticket takes no messages of its own. Read after the
     * lock, so a message that waited for a merge of its ticket to commit goes on to the target, not onto the closed
     * source.
     */
    private Ticket lockedFollowingMerge(long ticketId) {
        Ticket ticket = locked(ticketId);
        Optional<Long> into = tickets.mergedInto(ticketId);
        return into.isPresent() ? locked(into.get()) : ticket;
    }

    private Ticket lockedTarget(long targetId) {
        return tickets.findByIdForUpdate(targetId)
                .orElseThrow(() -> new InvalidInputException("into", "no ticket #" + targetId));
    }

    /** Marks the ticket as spam, hides it from the default views and lists its contact's address. */
    @Transactional
    public Ticket markSpam(long ticketId) {
        Ticket before = locked(ticketId);
        contactOf(before).ifPresent(contact -> spamList.list(contact.email().value()));
        return saved(before, before.withSpam(true, now()));
    }

    @Transactional
    public Ticket unmarkSpam(long ticketId) {
        Ticket before = locked(ticketId);
        return saved(before, before.withSpam(false, now()));
    }

    /** Deletes the ticket with its messages, attachments, tags and collaborators. */
    @Transactional
    public void delete(long ticketId) {
        Ticket ticket = locked(ticketId);
        Set<String> content = attachments.contentOf(Attachments.Owner.TICKET_MESSAGE, tickets.messageIds(ticketId));
        tickets.delete(ticketId);
        search.reindex(ticketId);
        counts.removed(ticket);
        attachments.deleteUnreferencedAfterCommit(content);
    }

    private Optional<Contact> contactOf(Ticket ticket) {
        return Optional.ofNullable(ticket.contactId()).flatMap(contacts::findById);
    }

    /**
     * Records the Message-ID a message was mailed or received with, so replies can be matched to it; the first one on
     * a ticket becomes the root of its email thread.
     */
    @Transactional
    public void recordEmailMessageId(long ticketId, long messageId, String internetMessageId) {
        tickets.recordEmailMessageId(ticketId, messageId, internetMessageId);
    }

    /** Recomputes the status counts from the tickets; for bulk imports that bypass these commands. */
    @Transactional
    public void recount() {
        tickets.rerank();
        counts.rebuild();
    }

    private ThreadEntry store(
            long ticketId,
            Direction direction,
            boolean internal,
            @Nullable Long staffId,
            @Nullable Long contactId,
            String authorEmail,
            MessageContent content,
            Instant now) {
        String body = content.checkedBody();
        String visible = content.checkedVisibleText();
        List<NewAttachment> files = attachmentPolicy.accept(content);
        var message = new TicketMessage(
                0,
                ticketId,
                direction,
                internal,
                staffId,
                contactId,
                authorEmail,
                body,
                visible,
                content.bodyHtml(),
                content.emailMessageId(),
                now);
        message = message.withId(tickets.insertMessage(message));
        List<Attachment> stored = attachments.attach(Attachments.Owner.TICKET_MESSAGE, message.id(), files);
        // Notes too: the search keeps them apart, so only staff find a ticket by one (docs/adr/0020). The ticket's
        // contact and a collaborator who joined by this message are read with it.
        search.reindex(ticketId);
        return new ThreadEntry(message, stored);
    }

    private Ticket saved(Ticket before, Ticket after) {
        if (after.equals(before)) {
            return before;
        }
        tickets.update(after);
        counts.moved(before, after);
        if (before.status() != after.status()) {
            events.publishEvent(new TicketStatusChanged(after.id(), before.status(), after.status()));
        }
        return after;
    }

    private Ticket locked(long ticketId) {
        return tickets.findByIdForUpdate(ticketId).orElseThrow(() -> new NotFoundException("ticket", ticketId));
    }

    /** Timestamps at the precision the databases keep (microseconds), so what is returned equals what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private @Nullable Contact contactFor(@Nullable String email, @Nullable String name) {
        if (email == null || email.isBlank()) {
            if (name != null && !name.isBlank()) {
                throw new InvalidInputException("contactEmail", "is required when a contact name is given");
            }
            return null;
        }
        return contacts.findOrCreate(EmailAddress.parse(email, "contactEmail"), name);
    }

    private long existingStaff(long staffId, String field) {
        return staff.findById(staffId)
                .map(StaffMember::id)
                .orElseThrow(() -> new InvalidInputException(field, "no staff member with id " + staffId));
    }

    private static List<String> validTags(@Nullable List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : raw) {
            String value = Texts.singleLine(tag, "tags", MAX_TAG, true).toLowerCase(Locale.ROOT);
            tags.add(value);
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(tags);
    }

    private String newRoutingToken() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
