package io.postdesk.mail.inbound.steps;

import io.postdesk.attachment.MessageContent;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.inbound.match.AllConversations;
import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.inbound.match.Conversations;
import io.postdesk.mail.inbound.match.DryRunConversations;
import io.postdesk.mail.inbound.match.TicketConversations;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.settings.HelpdeskSettings;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    private final TicketManagement tickets;
    private final AllConversations conversations;
    private final StaffDirectory staff;
    private final HelpdeskSettings helpdesk;

    ApplyToConversation(
            TicketManagement tickets, AllConversations conversations, StaffDirectory staff, HelpdeskSettings helpdesk) {
        this.tickets = tickets;
        this.conversations = conversations;
        this.staff = staff;
        this.helpdesk = helpdesk;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        ConversationMatch match = mail.match();
        if (match == null) {
            return newTicket(mail);
        }
        Conversations port = conversations.of(match.kind());
        return onConversation(mail, mail.dryRun() ? new DryRunConversations(port) : port, match.id());
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
            return decided(mail, Outcome.CREATED, Verdict.Applied.NOTHING, "would open a ticket for " + sender.email());
        }
        var opened = tickets.openWithMessage(
                new NewTicket(
                        MailAddress.oneLine(subject, 255),
                        mail.message().text(),
                        null,
                        TicketSource.EMAIL,
                        sender.contactName(),
                        sender.email().value(),
                        null,
                        List.of()),
                content(mail));
        return decided(
                mail,
                Outcome.CREATED,
                new Verdict.Applied(
                        opened.ticket().id(), null, opened.entry().message().id()),
                "opened ticket #" + opened.ticket().id() + " for " + sender.email());
    }

    private Verdict onConversation(InboundMail mail, Conversations port, long id) {
        MailAddress sender = mail.sender();
        Optional<StaffMember> member =
                mail.forwardedBy() == null ? staff.findByEmail(sender.email()) : Optional.empty();
        if (member.isPresent() && !mail.mayActAsStaff()) {
            return notAStaffAct(mail);
        }
        if (member.isPresent()) {
            boolean internal = TicketConversations.TEAM_MARKER
                    .matcher(mail.message().text())
                    .find();
            var appended = port.appendFromStaff(id, member.get(), content(mail), internal);
            return decided(mail, Outcome.APPENDED, appended.applied(), appended.detail());
        }
        return switch (port.admit(id, mail)) {
            case Conversations.Admission.OwnTicket own -> newTicket(mail);
            case Conversations.Admission.Refused refused ->
                new Verdict.Stop(Outcome.REJECTED, refused.reason(), refused.detail(), null);
            case Conversations.Admission.Locked locked -> {
                boolean told = port.tellLocked(id, mail);
                yield new Verdict.Stop(
                        Outcome.REJECTED,
                        "order_locked",
                        port.kind().name().toLowerCase(java.util.Locale.ROOT) + " #" + id + " is locked"
                                + (told ? "; the client was told" : ""),
                        port.kind() == ConversationMatch.Kind.ORDER
                                ? new Verdict.Applied(null, id, null)
                                : new Verdict.Applied(id, null, null));
            }
            case Conversations.Admission.Accepted accepted -> {
                var appended = port.appendFromCustomer(id, sender, content(mail));
                yield decided(mail, Outcome.APPENDED, appended.applied(), appended.detail());
            }
        };
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
}
