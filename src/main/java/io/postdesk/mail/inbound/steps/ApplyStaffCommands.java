package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.inbound.match.TicketConversations;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.ticket.TicketChanges;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Applies the staff email commands ({@link StaffCommands}: {@code #status}, {@code #priority}, {@code #assign},
 * {@code #tag}) of a staff member's reply or team note on a ticket, through {@link TicketManagement#change} like the
 * dashboard's sidebar, in the pipeline's transaction. {@link ApplyToConversation} stored the text without those lines.
 * Any other mail (a customer's, one on an order, one that opens a ticket) keeps its command-like lines as written;
 * the trace says why. A mail that may not act as staff never gets here as staff: it was rejected before.
 */
@Component
public class ApplyStaffCommands implements InboundStep {

    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final StaffDirectory staff;

    ApplyStaffCommands(TicketManagement tickets, TicketQueries ticketQueries, StaffDirectory staff) {
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.staff = staff;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        Verdict.Stop resolution = mail.decision();
        StaffCommands.Reading reading = StaffCommands.read(textOf(mail), staff::isStaff);
        if (resolution == null || (!reading.hasCommands() && reading.notes().isEmpty())) {
            return new Verdict.Continue(mail, "no staff commands");
        }
        Long ticketId = resolution.applied().ticketId();
        if (!isStaffOnTicket(mail, resolution) || ticketId == null) {
            return new Verdict.Continue(
                    mail,
                    "command lines left in the text: "
                            + (resolution.applied().byStaff() ? "not a ticket" : notStaff(mail)));
        }
        List<String> done = new ArrayList<>();
        List<String> notes = new ArrayList<>(reading.notes());
        TicketChanges changes = changes(mail, ticketId, reading, done, notes);
        if (!done.isEmpty() && !mail.dryRun()) {
            tickets.change(ticketId, changes);
        }
        String applied = done.isEmpty()
                ? "no command applied"
                : (mail.dryRun() ? "would apply: " : "applied: ") + String.join(", ", done);
        return new Verdict.Continue(mail, notes.isEmpty() ? applied : applied + "; " + String.join("; ", notes));
    }

    private static boolean isStaffOnTicket(InboundMail mail, Verdict.Stop resolution) {
        return resolution.applied().byStaff()
                && mail.forwardedBy() == null
                && mail.match() != null
                && mail.match().kind() == ConversationMatch.Kind.TICKET;
    }

    private TicketChanges changes(
            InboundMail mail, long ticketId, StaffCommands.Reading reading, List<String> done, List<String> notes) {
        TicketStatus status = null;
        TicketPriority priority = null;
        boolean assigneeChanged = false;
        Long assigneeId = null;
        Set<String> added = new LinkedHashSet<>();
        for (StaffCommands.Command command : reading.commands()) {
            switch (command) {
                case StaffCommands.SetStatus s -> status = s.status();
                case StaffCommands.SetPriority p -> priority = p.priority();
                case StaffCommands.Assign a -> {
                    assigneeChanged = true;
                    assigneeId = (a.assignee() == null
                                    ? staff.findByEmail(mail.sender().email())
                                    : staff.findByEmail(a.assignee()))
                            .map(StaffMember::id)
                            .orElseThrow(() -> new IllegalStateException("the assignee is no staff member"));
                }
                case StaffCommands.AddTag t -> added.add(t.tag());
            }
            done.add(command.describe());
        }
        return new TicketChanges(status, priority, assigneeChanged, assigneeId, tags(ticketId, added, done, notes));
    }

    /** The ticket's tags with the new ones, or {@code null} (tags untouched) when there is none or too many. */
    private @Nullable List<String> tags(long ticketId, Set<String> added, List<String> done, List<String> notes) {
        if (added.isEmpty()) {
            return null;
        }
        Set<String> all = new LinkedHashSet<>(ticketQueries.details(ticketId).tags());
        all.addAll(added);
        if (all.size() > TicketManagement.MAX_TAGS) {
            done.removeIf(d -> d.startsWith("tag "));
            notes.add("tags not added: a ticket has at most " + TicketManagement.MAX_TAGS);
            return null;
        }
        return List.copyOf(all);
    }

    /** The text the commands are read from: the visible reply, without the team-note marker (as it is stored). */
    private static String textOf(InboundMail mail) {
        if (mail.parsed() == null) {
            return "";
        }
        String visible =
                Objects.requireNonNullElse(mail.visibleText(), mail.message().text());
        return TicketConversations.TEAM_MARKER.matcher(visible).replaceAll("");
    }

    private static String notStaff(InboundMail mail) {
        if (mail.forwardedBy() != null) {
            return "a forwarded mail";
        }
        return mail.match() == null ? "the mail opened a ticket" : mail.sender().email() + " is not a staff member";
    }
}
