package io.postdesk.mail.inbound.match;

import io.postdesk.attachment.MessageContent;
import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.inbound.steps.StaffCommands;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketQueries;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tickets as {@link Conversations}: their thread, their messages, their contact and collaborators. */
@Component
@Order(1)
public class TicketConversations implements Conversations {

    /** {@code [Reply to Team]} in a staff mail makes it a note; the marker is taken out of the note. */
    public static final Pattern TEAM_MARKER =
            Pattern.compile("\\[\\s*reply\\s+to\\s+team\\s*]", Pattern.CASE_INSENSITIVE);

    private final TicketQueries tickets;
    private final TicketManagement ticketManagement;
    private final ContactDirectory contacts;
    private final StaffDirectory staff;

    TicketConversations(
            TicketQueries tickets, TicketManagement ticketManagement, ContactDirectory contacts, StaffDirectory staff) {
        this.tickets = tickets;
        this.ticketManagement = ticketManagement;
        this.contacts = contacts;
        this.staff = staff;
    }

    @Override
    public ConversationMatch.Kind kind() {
        return ConversationMatch.Kind.TICKET;
    }

    @Override
    public Optional<String> routingToken(long id) {
        try {
            return Optional.of(tickets.ticket(id).routingToken());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isParticipant(long id, EmailAddress sender) {
        return contacts.findByEmail(sender)
                .map(c -> tickets.isParticipant(id, c.id()))
                .orElse(false);
    }

    @Override
    public Optional<Long> findByThreadMessageId(String internetMessageId) {
        return tickets.findByThreadMessageId(internetMessageId);
    }

    @Override
    public Optional<Long> findByMessageId(String internetMessageId) {
        return tickets.findByMessageEmailId(internetMessageId);
    }

    @Override
    public Optional<Long> mergedInto(long id) {
        return tickets.mergedInto(id);
    }

    @Override
    public Admission admit(long id, InboundMail mail) {
        return mail.senderVerdict().isUnverified()
                        && !isParticipant(id, mail.sender().email())
                ? new Admission.OwnTicket()
                : new Admission.Accepted();
    }

    @Override
    public boolean tellLocked(long id, InboundMail mail) {
        return false; // a ticket is never locked
    }

    @Override
    public Appended appendFromStaff(long id, StaffMember member, MessageContent content, boolean internal) {
        MessageContent marked = internal
                ? content.withText(withoutMarker(content.body()), withoutMarker(content.visibleText()))
                : content;
        // Staff email commands (#status resolved, …) are applied by ApplyStaffCommands, not stored as text.
        MessageContent written = StaffCommands.withoutCommands(marked, staff::isStaff);
        var reply = ticketManagement.reply(id, member.id(), written, internal);
        return new Appended(
                new Verdict.Applied(id, null, reply.entry().message().id(), true),
                (internal ? "team note by " : "staff reply by ") + member.email());
    }

    @Override
    public Appended appendFromCustomer(long id, MailAddress sender, MessageContent content) {
        Contact contact = contacts.findOrCreate(sender.email(), sender.contactName());
        var added = ticketManagement.addMessageFromThread(id, contact, content);
        return new Appended(
                new Verdict.Applied(id, null, added.entry().message().id()), "customer message on ticket #" + id);
    }

    private static String withoutMarker(String text) {
        return TEAM_MARKER.matcher(text).replaceAll("").strip();
    }
}
