package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.inbound.match.ConversationMatch.Kind;
import io.postdesk.mail.inbound.match.ConversationMatch.MatchedBy;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.staff.StaffRole;
import io.postdesk.ticket.TicketChanges;
import io.postdesk.ticket.TicketDetails;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyStaffCommandsTests {

    private static final EmailAddress ADMIN = new EmailAddress("admin@acme.test");
    private static final EmailAddress AGENT = new EmailAddress("agent@acme.test");

    private final TicketManagement tickets = mock(TicketManagement.class);
    private final TicketQueries ticketQueries = mock(TicketQueries.class);
    private final StaffDirectory staff = mock(StaffDirectory.class);
    private final ApplyStaffCommands step = new ApplyStaffCommands(tickets, ticketQueries, staff);
    private final TicketDetails details = mock(TicketDetails.class);

    @BeforeEach
    void staffAndTicket() {
        when(staff.isStaff(ADMIN)).thenReturn(true);
        when(staff.isStaff(AGENT)).thenReturn(true);
        when(staff.findByEmail(ADMIN)).thenReturn(Optional.of(member(1, ADMIN)));
        when(staff.findByEmail(AGENT)).thenReturn(Optional.of(member(2, AGENT)));
        when(details.tags()).thenReturn(List.of("printer"));
        when(ticketQueries.details(7)).thenReturn(details);
    }

    @Test
    void appliesAStaffRepliesCommandsToTheTicketInOneChange() {
        var next = step.apply(staffReply("Booked for Thursday.\n\n#status pending\n#priority high\n#tag onsite\n"));

        assertThat(next).isInstanceOf(Verdict.Continue.class);
        assertThat(next.detail()).isEqualTo("applied: status pending, priority high, tag onsite");
        verify(tickets)
                .change(
                        7,
                        new TicketChanges(
                                TicketStatus.PENDING, TicketPriority.HIGH, false, null, List.of("printer", "onsite")));
    }

    @Test
    void assignMeAssignsTheSenderAndAssignByAddressTheStaffMemberNamed() {
        step.apply(staffReply("#assign me"));
        verify(tickets).change(7, new TicketChanges(null, null, true, 1L, null));

        step.apply(staffReply("#assign agent@acme.test"));
        verify(tickets).change(7, new TicketChanges(null, null, true, 2L, null));
    }

    @Test
    void readsTheCommandsOfATeamNoteWithoutItsMarker() {
        var next = step.apply(staffReply("[Reply to Team] #status resolved"));

        assertThat(next.detail()).isEqualTo("applied: status resolved");
        verify(tickets).change(7, new TicketChanges(TicketStatus.RESOLVED, null, false, null, null));
    }

    @Test
    void addsNoTagsWhenTheTicketWouldHaveTooManyButAppliesTheRest() {
        when(details.tags())
                .thenReturn(IntStream.range(0, TicketManagement.MAX_TAGS)
                        .mapToObj(i -> "t" + i)
                        .toList());

        var next = step.apply(staffReply("#tag onsite\n#status pending"));

        assertThat(next.detail())
                .isEqualTo(
                        "applied: status pending; tags not added: a ticket has at most " + TicketManagement.MAX_TAGS);
        verify(tickets).change(7, new TicketChanges(TicketStatus.PENDING, null, false, null, null));
    }

    @Test
    void addsTagsUpToTheLimit() {
        List<String> nineteen = IntStream.range(0, TicketManagement.MAX_TAGS - 1)
                .mapToObj(i -> "t" + i)
                .toList();
        when(details.tags()).thenReturn(nineteen);

        var next = step.apply(staffReply("#tag onsite"));

        assertThat(next.detail()).isEqualTo("applied: tag onsite");
        verify(tickets)
                .change(
                        7,
                        new TicketChanges(
                                null,
                                null,
                                false,
                                null,
                                java.util.stream.Stream.concat(nineteen.stream(), java.util.stream.Stream.of("onsite"))
                                        .toList()));
    }

    @Test
    void saysWhyACommandLikeLineWasLeftInTheText() {
        var next = step.apply(staffReply("#status someday"));

        assertThat(next.detail()).startsWith("no command applied; \"#status someday\" left in the text");
        verify(tickets, never()).change(anyLong(), any());
    }

    @Test
    void aMailWithoutCommandsHasNoStaffCommands() {
        var next = step.apply(staffReply("Booked for Thursday."));

        assertThat(next.detail()).isEqualTo("no staff commands");
        verify(tickets, never()).change(anyLong(), any());
    }

    @Test
    void aMailThatWasNotAppliedHasNoStaffCommands() {
        var next = step.apply(StepMails.claimed(TestMails.from(ADMIN.value()).body("#status resolved")));

        assertThat(next.detail()).isEqualTo("no staff commands");
        verify(tickets, never()).change(anyLong(), any());
    }

    @Test
    void aCustomersCommandLikeLinesStayInTheirMessage() {
        InboundMail mail = StepMails.claimed(
                        TestMails.from("carla@customer.test").body("#status resolved"))
                .withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.ROUTING_ADDRESS))
                .withDecision(appended(new Verdict.Applied(7L, null, 1L, false)));

        var next = step.apply(mail);

        assertThat(next.detail())
                .isEqualTo("command lines left in the text: carla@customer.test is not a staff member");
        verify(tickets, never()).change(anyLong(), any());
    }

    @Test
    void aMailThatOpenedATicketKeepsItsCommandLines() {
        InboundMail mail = StepMails.claimed(TestMails.from(ADMIN.value()).body("#status resolved"))
                .withDecision(new Verdict.Stop(Outcome.CREATED, null, "opened", new Verdict.Applied(100L, null, 200L)));

        assertThat(step.apply(mail).detail()).isEqualTo("command lines left in the text: the mail opened a ticket");
        verify(tickets, never()).change(anyLong(), any());
    }

    @Test
    void aStaffForwardKeepsItsCommandLines() {
        InboundMail mail = StepMails.claimed(TestMails.from(ADMIN.value()).body("#status resolved"))
                .withForward(
                        new MailAddress(null, new EmailAddress("carla@customer.test")), new MailAddress(null, ADMIN))
                .withDecision(new Verdict.Stop(Outcome.CREATED, null, "opened", new Verdict.Applied(100L, null, 200L)));

        assertThat(step.apply(mail).detail()).isEqualTo("command lines left in the text: a forwarded mail");
        verify(tickets, never()).change(anyLong(), any());
    }

    @Test
    void aStaffMessageOnAnOrderKeepsItsCommandLines() {
        InboundMail mail = StepMails.claimed(TestMails.from(ADMIN.value()).body("#status resolved"))
                .withMatch(new ConversationMatch(Kind.ORDER, 5, MatchedBy.ROUTING_ADDRESS))
                .withDecision(appended(new Verdict.Applied(null, 5L, 1L, true)));

        assertThat(step.apply(mail).detail()).isEqualTo("command lines left in the text: not a ticket");
        verify(tickets, never()).change(anyLong(), any());
    }

    @Test
    void theDryRunSaysWhatItWouldApplyAndChangesNothing() {
        InboundMail mail = StepMails.dryRun(TestMails.from(ADMIN.value()).body("#status pending\n#tag onsite"))
                .withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.ROUTING_ADDRESS))
                .withDecision(appended(new Verdict.Applied(7L, null, null, true)));

        var next = step.apply(mail);

        assertThat(next.detail()).isEqualTo("would apply: status pending, tag onsite");
        verify(tickets, never()).change(anyLong(), any());
    }

    private static InboundMail staffReply(String body) {
        return StepMails.claimed(TestMails.from(ADMIN.value()).body(body))
                .withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.IN_REPLY_TO_THREAD))
                .withDecision(appended(new Verdict.Applied(7L, null, 1L, true)));
    }

    private static Verdict.Stop appended(Verdict.Applied applied) {
        return new Verdict.Stop(Outcome.APPENDED, null, "appended", applied);
    }

    private static StaffMember member(long id, EmailAddress email) {
        return new StaffMember(id, "Staff " + id, email, StaffRole.AGENT, false, false, Instant.EPOCH);
    }
}
