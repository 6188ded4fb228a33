package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.RoutingAddress;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.ticket.TicketManagement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * CC addresses of a customer's mail follow the ticket as collaborators (contacts created if unknown), except the
 * support addresses, routing addresses, staff and the sender (SPEC §2, step 7). A collaborator reads the whole thread
 * and its files, so an unverified sender, or a mail that reached the ticket by the bare routing form only, adds none.
 * Needs the mail applied; the run then ends with the verdict applying it decided.
 */
@Component
public class AddCcCollaborators implements InboundStep {

    private final TicketManagement tickets;
    private final StaffDirectory staff;
    private final EmailSettingsStore settings;

    AddCcCollaborators(TicketManagement tickets, StaffDirectory staff, EmailSettingsStore settings) {
        this.tickets = tickets;
        this.staff = staff;
        this.settings = settings;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        var decision = mail.decision();
        if (decision == null) {
            throw new IllegalStateException("the mail was not applied");
        }
        Long ticketId = decision.ticketId();
        List<String> added = new ArrayList<>();
        if (ticketId != null && !decision.applied().byStaff() && !mail.mayAddCollaborators()) {
            return new Verdict.Continue(
                    mail,
                    mail.message().cc().isEmpty()
                            ? "no collaborators to add"
                            : "CC addresses not added: " + unproven(mail));
        }
        if (ticketId != null && !decision.applied().byStaff()) {
            for (MailAddress cc : mail.message().cc()) {
                if (isCollaboratorCandidate(cc.email(), mail)) {
                    if (!mail.dryRun()) {
                        tickets.addCollaborator(ticketId, cc.email().value(), cc.contactName());
                    }
                    added.add(cc.email().value());
                }
            }
        }
        String detail = added.isEmpty() ? "no collaborators to add" : "collaborators: " + String.join(", ", added);
        return new Verdict.Continue(mail, detail);
    }

    private static String unproven(InboundMail mail) {
        return mail.senderVerdict().isUnverified()
                ? "the sender is unverified"
                : "the mail reached the ticket by the bare routing address only";
    }

    private boolean isCollaboratorCandidate(EmailAddress address, InboundMail mail) {
        var current = settings.current();
        var support = current.supportAddress();
        if (address.equals(mail.sender().email()) || address.equals(support) || address.equals(current.fromEmail())) {
            return false;
        }
        if (support != null && RoutingAddress.parse(address, support.domain()).isPresent()) {
            return false;
        }
        return !staff.isStaff(address);
    }
}
