package io.postdesk.mail.outbound;

import io.postdesk.attachment.Attachment;
import io.postdesk.contact.Contact;
import io.postdesk.mail.RoutingAddress;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.Direction;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.CustomerReplied;
import io.postdesk.ticket.StaffReplied;
import io.postdesk.ticket.ThreadEntry;
import io.postdesk.ticket.Ticket;
import io.postdesk.ticket.TicketDetails;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketOpened;
import io.postdesk.ticket.TicketQueries;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The mail that follows ticket events, queued in the same transaction as the event:
 *
 * <ul>
 *   <li>{@link StaffReplied} → the reply to the contact (To) and collaborators (Cc), threaded;
 *   <li>{@link TicketOpened} → a notice to the assignee, or every staff member when unassigned;
 *   <li>{@link CustomerReplied} → a notice to the assignee, or every staff member when unassigned.
 * </ul>
 *
 * Team notes publish {@code TeamNoteAdded}, which nothing here listens to: they never leave the team. Each staff
 * member can switch their notices off.
 */
@Component
class TicketMailer {

    private final EmailSettingsStore settings;
    private final TicketQueries tickets;
    private final TicketManagement ticketManagement;
    private final StaffDirectory staff;
    private final MailComposer composer;
    private final Outbox outbox;
    private final AutomaticNotices notices;
    private final OutboundProperties properties;
    private final ThreadedReplies replies;

    TicketMailer(
            EmailSettingsStore settings,
            TicketQueries tickets,
            TicketManagement ticketManagement,
            StaffDirectory staff,
            MailComposer composer,
            Outbox outbox,
            AutomaticNotices notices,
            OutboundProperties properties,
            ThreadedReplies replies) {
        this.settings = settings;
        this.tickets = tickets;
        this.ticketManagement = ticketManagement;
        this.staff = staff;
        this.composer = composer;
        this.outbox = outbox;
        this.notices = notices;
        this.properties = properties;
        this.replies = replies;
    }

    @EventListener
    void on(StaffReplied event) {
        EmailSettings smtp = settings.current();
        TicketDetails details = tickets.details(event.ticketId());
        if (!smtp.canSend() || details.contact() == null) {
            return;
        }
        List<ThreadEntry> thread = tickets.thread(event.ticketId(), true);
        ThreadEntry reply = thread.stream()
                .filter(e -> e.message().id() == event.messageId())
                .findFirst()
                .orElseThrow();
        if (reply.message().internal()) {
            return;
        }
        Ticket ticket = details.ticket();
        Contact contact = details.contact();
        String sentAs = replies.send(
                smtp,
                new ThreadedReplies.Reply(
                        "t",
                        ticket.id(),
                        event.messageId(),
                        ticket.threadMessageId(),
                        thread.stream()
                                .map(ThreadEntry::message)
                                .map(m -> new ThreadedReplies.Earlier(
                                        m.id(), m.emailMessageId(), m.direction() == Direction.INBOUND))
                                .toList(),
                        routingAddress(ticket, smtp.supportAddress().domain()),
                        new MailDraft.Recipient(contact.name(), contact.email()),
                        details.collaborators().stream()
                                .filter(c -> c.id() != contact.id())
                                .map(c -> new MailDraft.Recipient(c.name(), c.email()))
                                .toList(),
                        replySubject(ticket),
                        reply.message().visibleText(),
                        reply.attachments(),
                        "ticket-message:" + event.messageId(),
                        new Outbox.Origin(ticket.id(), event.messageId(), null)));
        ticketManagement.recordEmailMessageId(ticket.id(), event.messageId(), sentAs);
    }

    @EventListener
    void on(TicketOpened event) {
        EmailSettings smtp = settings.current();
        if (!smtp.canSend()) {
            return;
        }
        TicketDetails details = tickets.details(event.ticketId());
        List<StaffMember> recipients = staffToNotify(details.ticket(), StaffMember::notifyNewTickets);
        String from = details.contact() == null ? "no contact" : describe(details.contact());
        String text = "New ticket #" + details.ticket().id() + " from " + from + " (source: "
                + details.ticket().source().wire() + ")\n\n"
                + Objects.requireNonNullElse(details.ticket().description(), "") + "\n\n"
                + link(details.ticket());
        notifyStaff(
                smtp, details.ticket(), recipients, "New ticket", text, "opened:" + event.ticketId(), null, List.of());
    }

    @EventListener
    void on(CustomerReplied event) {
        EmailSettings smtp = settings.current();
        if (!smtp.canSend()) {
            return;
        }
        TicketDetails details = tickets.details(event.ticketId());
        List<ThreadEntry> thread = tickets.thread(event.ticketId(), true);
        ThreadEntry message = thread.stream()
                .filter(e -> e.message().id() == event.messageId())
                .findFirst()
                .orElseThrow();
        List<StaffMember> recipients = staffToNotify(details.ticket(), StaffMember::notifyCustomerReplies);
        String text = message.message().authorEmail() + " replied on ticket #"
                + details.ticket().id() + ":\n\n" + message.message().visibleText() + "\n\n" + link(details.ticket());
        notifyStaff(
                smtp,
                details.ticket(),
                recipients,
                "New reply",
                text,
                "customer-reply:" + event.messageId(),
                message.message().emailMessageId(),
                message.attachments());
    }

    private void notifyStaff(
            EmailSettings smtp,
            Ticket ticket,
            List<StaffMember> recipients,
            String what,
            String text,
            String dedupe,
            @Nullable String inReplyTo,
            List<Attachment> attachments) {
        String domain = smtp.supportAddress().domain();
        for (StaffMember member : recipients) {
            if (!notices.allow(member.email().value())) {
                continue;
            }
            ThreadingHeaders threading = ThreadingHeaders.forReply(
                    "n", ticket.id(), member.id(), domain, ticket.threadMessageId(), List.of(), inReplyTo);
            MailDraft draft = new MailDraft(
                    smtp.fromEmail(),
                    smtp.fromName(),
                    routingAddress(ticket, domain),
                    List.of(new MailDraft.Recipient(member.name(), member.email())),
                    List.of(),
                    "[#" + ticket.id() + "] " + what + ": " + ticket.subject(),
                    text,
                    threading,
                    true,
                    attachments);
            outbox.enqueue(
                    Outbox.Purpose.STAFF_NOTIFICATION,
                    dedupe + ":" + member.id(),
                    new Outbox.Origin(ticket.id(), null, null),
                    composer.compose(draft),
                    true,
                    member.email().value());
        }
    }

    private List<StaffMember> staffToNotify(Ticket ticket, Predicate<StaffMember> wantsIt) {
        if (ticket.assigneeId() != null) {
            return staff.findById(ticket.assigneeId()).filter(wantsIt).stream().toList();
        }
        return staff.all().stream().filter(wantsIt).toList();
    }

    private String link(Ticket ticket) {
        return "Open it: " + properties.dashboardUrl().resolve("/tickets/" + ticket.id());
    }

    static String replySubject(Ticket ticket) {
        String subject = ticket.subject().replaceFirst("(?i)^((re|aw|sv|fwd?|wg)\\s*:\\s*)+", "");
        return "Re: " + subject + " [#" + ticket.id() + "]";
    }

    static String routingAddress(Ticket ticket, String domain) {
        return RoutingAddress.of(RoutingAddress.Kind.TICKET, ticket.id(), ticket.routingToken(), domain);
    }

    private static String describe(Contact contact) {
        return contact.name() == null ? contact.email().value() : contact.name() + " <" + contact.email() + ">";
    }
}
