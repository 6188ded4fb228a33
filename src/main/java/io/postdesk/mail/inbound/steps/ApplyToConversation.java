package io.postdesk.mail.inbound.steps;

import io.postdesk.attachment.MessageContent;
import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.mail.outbound.CustomerNotices;
import io.postdesk.order.OrderManagement;
import io.postdesk.order.OrderQueries;
import io.postdesk.settings.HelpdeskSettings;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Makes the mail part of Postdesk (SPEC §2, step 6), in the pipeline's transaction:
 *
 * <ul>
 *   <li>no match → a new ticket (source email), the sender becoming a contact; refused while the helpdesk module is
 *       off;
 *   <li>a ticket, from staff → a reply emailed to the customer, or a team note when the text says
 *       {@code [Reply to Team]} (the marker removed);
 *   <li>a ticket, from anyone else → a customer message (the sender joins as collaborator if new), reopening a
 *       finished ticket;
 *   <li>an order, from its client → a message, or rejected with a notice while the order is locked.
 * </ul>
 *
 * Acting as staff needs proof: a mail from a staff address whose sender is unverified, or that reached the
 * conversation by the bare routing form only, is rejected (kept in the processed-mail log), so nothing is sent to the
 * customer in staff's name. An unverified sender who is not yet a participant cannot join a thread: their mail opens
 * a ticket of its own, as a stranger's would.
 */
@Component
public class ApplyToConversation implements InboundStep {

    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}]+");
    static final Pattern TEAM_MARKER = Pattern.compile("\\[\\s*reply\\s+to\\s+team\\s*]", Pattern.CASE_INSENSITIVE);

    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final OrderManagement orders;
    private final OrderQueries orderQueries;
    private final ContactDirectory contacts;
    private final StaffDirectory staff;
    private final HelpdeskSettings helpdesk;
    private final CustomerNotices notices;

    ApplyToConversation(
            TicketManagement tickets,
            TicketQueries ticketQueries,
            OrderManagement orders,
            OrderQueries orderQueries,
            ContactDirectory contacts,
            StaffDirectory staff,
            HelpdeskSettings helpdesk,
            CustomerNotices notices) {
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.orders = orders;
        this.orderQueries = orderQueries;
        this.contacts = contacts;
        this.staff = staff;
        this.helpdesk = helpdesk;
        this.notices = notices;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        ConversationMatch match = mail.match();
        if (match == null) {
            return newTicket(mail);
        }
        return match.kind() == ConversationMatch.Kind.TICKET ? onTicket(mail, match.id()) : onOrder(mail, match.id());
    }

    private Verdict newTicket(InboundMail mail) {
        if (mail.forwardedBy() == null
                && !mail.mayActAsStaff()
                && staff.isStaff(mail.sender().email())) {
            return notAStaffAct(mail);
        }
        if (!helpdesk.isEnabled()) {
            return new Verdict.Stop(
                    Outcome.REJECTED,
                    "helpdesk_disabled",
                    "no existing conversation and the helpdesk module is switched off",
                    null);
        }
        MailAddress sender = mail.sender();
        String subject = mail.message().subject().isBlank()
                ? "(no subject)"
                : mail.message().subject();
        if (mail.dryRun()) {
            return resolved(
                    mail, Outcome.CREATED, null, null, null, false, "would open a ticket for " + sender.email());
        }
        var opened = tickets.openWithMessage(
                new NewTicket(
                        oneLine(subject, 255),
                        mail.message().text(),
                        null,
                        TicketSource.EMAIL,
                        name(sender),
                        sender.email().value(),
                        null,
                        List.of()),
                content(mail));
        return resolved(
                mail,
                Outcome.CREATED,
                opened.ticket().id(),
                null,
                opened.entry().message().id(),
                false,
                "opened ticket #" + opened.ticket().id() + " for " + sender.email());
    }

    private Verdict onTicket(InboundMail mail, long ticketId) {
        MailAddress sender = mail.sender();
        Optional<StaffMember> member =
                mail.forwardedBy() == null ? staff.findByEmail(sender.email()) : Optional.empty();
        if (member.isPresent() && !mail.mayActAsStaff()) {
            return notAStaffAct(mail);
        }
        if (member.isPresent()) {
            boolean internal = TEAM_MARKER.matcher(mail.message().text()).find();
            if (mail.dryRun()) {
                return resolved(
                        mail,
                        Outcome.APPENDED,
                        null,
                        ticketId,
                        null,
                        true,
                        internal ? "would add a team note" : "would add a staff reply and email the customer");
            }
            MessageContent content = content(mail);
            if (internal) {
                content = content.withText(withoutMarker(content.body()), withoutMarker(content.visibleText()));
            }
            var reply = tickets.reply(ticketId, member.get().id(), content, internal);
            return resolved(
                    mail,
                    Outcome.APPENDED,
                    ticketId,
                    null,
                    reply.entry().message().id(),
                    true,
                    internal ? "team note by " + sender.email() : "staff reply by " + sender.email());
        }
        if (mail.senderVerdict().isUnverified() && !isParticipant(ticketId, sender)) {
            return newTicket(mail);
        }
        if (mail.dryRun()) {
            return resolved(
                    mail,
                    Outcome.APPENDED,
                    null,
                    ticketId,
                    null,
                    false,
                    "would add a customer message to ticket #" + ticketId);
        }
        Contact contact = contacts.findOrCreate(sender.email(), name(sender));
        var added = tickets.addMessageFromThread(ticketId, contact, content(mail));
        return resolved(
                mail,
                Outcome.APPENDED,
                ticketId,
                null,
                added.entry().message().id(),
                false,
                "customer message on ticket #" + ticketId);
    }

    private Verdict onOrder(InboundMail mail, long orderId) {
        MailAddress sender = mail.sender();
        var order = orderQueries.get(orderId);
        Optional<StaffMember> member = staff.findByEmail(sender.email());
        if (member.isPresent() && !mail.mayActAsStaff()) {
            return notAStaffAct(mail);
        }
        if (member.isPresent()) {
            if (mail.dryRun()) {
                return resolved(mail, Outcome.APPENDED, null, null, null, true, "would add a staff message");
            }
            var entry = orders.reply(
                    orderId,
                    member.get().id(),
                    content(mail),
                    TEAM_MARKER.matcher(mail.message().text()).find());
            return decided(
                    mail,
                    Outcome.APPENDED,
                    new Verdict.Applied(null, orderId, entry.message().id(), true),
                    "staff message on order #" + orderId);
        }
        Optional<Contact> client = contacts.findByEmail(sender.email()).filter(c -> c.id() == order.contactId());
        if (client.isEmpty()) {
            return new Verdict.Stop(
                    Outcome.REJECTED,
                    "not_a_participant",
                    sender.email() + " is not the client of order #" + orderId,
                    null);
        }
        if (!order.acceptsClientMessages()) {
            boolean noticed = !mail.dryRun()
                    && notices.orderLocked(
                            orderId,
                            sender.email(),
                            mail.message().messageId(),
                            false,
                            Objects.requireNonNullElse(mail.message().messageId(), "inbound-" + mail.inboundId()));
            return new Verdict.Stop(
                    Outcome.REJECTED,
                    "order_locked",
                    "order #" + orderId + " is locked" + (noticed ? "; the client was told" : ""),
                    new Verdict.Applied(null, orderId, null));
        }
        if (mail.dryRun()) {
            return decided(
                    mail,
                    Outcome.APPENDED,
                    new Verdict.Applied(null, orderId, null),
                    "would add a client message to order #" + orderId);
        }
        var entry = orders.addClientMessage(orderId, client.get().id(), content(mail));
        return decided(
                mail,
                Outcome.APPENDED,
                new Verdict.Applied(null, orderId, entry.message().id()),
                "client message on order #" + orderId);
    }

    private boolean isParticipant(long ticketId, MailAddress sender) {
        return contacts.findByEmail(sender.email())
                .map(c -> ticketQueries.isParticipant(ticketId, c.id()))
                .orElse(false);
    }

    private static Verdict notAStaffAct(InboundMail mail) {
        EmailAddress from = mail.sender().email();
        return mail.senderVerdict().isUnverified()
                ? new Verdict.Stop(
                        Outcome.REJECTED,
                        "sender_unverified",
                        "from staff address " + from + " but the sender is unverified ("
                                + mail.senderVerdict().detail() + "): not a staff act",
                        null)
                : new Verdict.Stop(
                        Outcome.REJECTED,
                        "bare_routing_address",
                        "from staff address " + from + " to the bare routing address only: staff replies need the"
                                + " tokened address or a Message-ID of the thread",
                        null);
    }

    private static Verdict resolved(
            InboundMail mail,
            Outcome outcome,
            Long createdTicket,
            Long existingTicket,
            Long messageId,
            boolean byStaff,
            String detail) {
        Long ticketId = createdTicket != null ? createdTicket : existingTicket;
        return decided(mail, outcome, new Verdict.Applied(ticketId, null, messageId, byStaff), detail);
    }

    /** The mail is applied: the run goes on (collaborators) and ends with this outcome. */
    private static Verdict decided(InboundMail mail, Outcome outcome, Verdict.Applied applied, String detail) {
        return new Verdict.Continue(mail.withDecision(new Verdict.Stop(outcome, null, detail, applied)), detail);
    }

    private static MessageContent content(InboundMail mail) {
        ParsedMessage m = mail.message();
        return MessageContent.mailed(
                m.text(),
                Objects.requireNonNullElse(mail.visibleText(), m.text()),
                m.html(),
                m.messageId(),
                m.attachments());
    }

    private static String withoutMarker(String text) {
        return TEAM_MARKER.matcher(text).replaceAll("").strip();
    }

    /** A display name from a header, fit for the contact's name: one line, at most 200 characters. */
    static @org.jspecify.annotations.Nullable String name(MailAddress address) {
        return address.name() == null ? null : oneLine(address.name(), 200);
    }

    private static String oneLine(String text, int max) {
        String line = CONTROLS.matcher(text).replaceAll(" ").strip();
        return line.length() > max ? line.substring(0, max) : line;
    }
}
