package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.postdesk.attachment.MessageContent;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.SenderVerdict;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.inbound.match.AllConversations;
import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.inbound.match.ConversationMatch.Kind;
import io.postdesk.mail.inbound.match.ConversationMatch.MatchedBy;
import io.postdesk.mail.inbound.match.Conversations;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.settings.HelpdeskSettings;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.staff.StaffRole;
import io.postdesk.ticket.NewTicket;
import io.postdesk.ticket.ReplyResult;
import io.postdesk.ticket.TicketManagement;
import io.postdesk.ticket.TicketSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ApplyToConversationTests {

    private static final EmailAddress ADMIN = new EmailAddress("admin@acme.test");
    private static final StaffMember ADMIN_MEMBER =
            new StaffMember(1, "Admin", ADMIN, StaffRole.ADMIN, false, false, Instant.EPOCH);
    private static final SenderVerdict UNVERIFIED = new SenderVerdict.Unverified("dmarc=fail");

    private final TicketManagement tickets = mock(TicketManagement.class);
    private final StaffDirectory staff = mock(StaffDirectory.class);
    private final HelpdeskSettings helpdesk = mock(HelpdeskSettings.class);
    private final Recording ticketPort = new Recording(Kind.TICKET);
    private final Recording orderPort = new Recording(Kind.ORDER);
    private final ApplyToConversation step =
            new ApplyToConversation(tickets, new AllConversations(List.of(ticketPort, orderPort)), staff, helpdesk);

    @BeforeEach
    void helpdeskIsOnAndAdminIsStaff() {
        when(helpdesk.isEnabled()).thenReturn(true);
        when(staff.isStaff(ADMIN)).thenReturn(true);
        when(staff.findByEmail(ADMIN)).thenReturn(Optional.of(ADMIN_MEMBER));
        ReplyResult opened = mock(ReplyResult.class, RETURNS_DEEP_STUBS);
        when(opened.ticket().id()).thenReturn(100L);
        when(opened.entry().message().id()).thenReturn(200L);
        when(tickets.openWithMessage(any(), any())).thenReturn(opened);
    }

    @Test
    void aMailWithoutAConversationOpensAnEmailTicketForItsSender() {
        var next = (Verdict.Continue) step.apply(StepMails.claimed(TestMails.from("Carla <carla@customer.test>")));

        assertThat(next.detail()).isEqualTo("opened ticket #100 for carla@customer.test");
        assertThat(decision(next).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(decision(next).applied()).isEqualTo(new Verdict.Applied(100L, null, 200L));
        var request = ArgumentCaptor.forClass(NewTicket.class);
        verify(tickets).openWithMessage(request.capture(), any(MessageContent.class));
        assertThat(request.getValue().subject()).isEqualTo("Printer on fire");
        assertThat(request.getValue().source()).isEqualTo(TicketSource.EMAIL);
    }

    @Test
    void aTicketOpenedByAMailWithABlankSubjectIsCalledNoSubject() {
        step.apply(StepMails.claimed(TestMails.from("carla@customer.test").header("Subject", " ")));

        var request = ArgumentCaptor.forClass(NewTicket.class);
        verify(tickets).openWithMessage(request.capture(), any(MessageContent.class));
        assertThat(request.getValue().subject()).isEqualTo("(no subject)");
    }

    @Test
    void rejectsANewConversationWhileTheHelpdeskIsSwitchedOff() {
        when(helpdesk.isEnabled()).thenReturn(false);

        var stop = (Verdict.Stop) step.apply(StepMails.claimed(TestMails.from("carla@customer.test")));

        assertThat(stop.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stop.reason()).isEqualTo("helpdesk_disabled");
        assertThat(stop.detail()).isEqualTo("no existing conversation and the helpdesk module is switched off");
        verify(tickets, never()).openWithMessage(any(), any());
    }

    @Test
    void anUnverifiedMailFromAStaffAddressOpensNothingInStaffsName() {
        var stop = (Verdict.Stop)
                step.apply(StepMails.claimed(TestMails.from(ADMIN.value())).withSenderVerdict(UNVERIFIED));

        assertThat(stop.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stop.reason()).isEqualTo("sender_unverified");
        assertThat(stop.detail()).contains("admin@acme.test").contains("dmarc=fail");
        verify(tickets, never()).openWithMessage(any(), any());
    }

    @Test
    void aStaffForwardOpensATicketForTheOriginalSenderEvenUnverified() {
        InboundMail forward = StepMails.claimed(TestMails.from(ADMIN.value()))
                .withForward(
                        new MailAddress("Carla", new EmailAddress("carla@customer.test")), new MailAddress(null, ADMIN))
                .withSenderVerdict(UNVERIFIED);

        var next = (Verdict.Continue) step.apply(forward);

        assertThat(next.detail()).isEqualTo("opened ticket #100 for carla@customer.test");
    }

    @Test
    void aStaffReplyOnATicketIsAddedAsTheStaffMembersReply() {
        var next = (Verdict.Continue) step.apply(onTicket(TestMails.from(ADMIN.value()), MatchedBy.ROUTING_ADDRESS));

        assertThat(ticketPort.writes).containsExactly("staff reply #7");
        assertThat(decision(next).outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(decision(next).applied().byStaff()).isTrue();
    }

    @Test
    void aStaffReplyThatSaysReplyToTeamIsATeamNote() {
        step.apply(onTicket(
                TestMails.from(ADMIN.value()).body("[Reply to Team]\nCall them back."), MatchedBy.IN_REPLY_TO_THREAD));

        assertThat(ticketPort.writes).containsExactly("staff note #7");
    }

    @Test
    void aStaffAddressOnTheBareRoutingFormIsNoStaffAct() {
        var stop = (Verdict.Stop) step.apply(onTicket(TestMails.from(ADMIN.value()), MatchedBy.BARE_ROUTING_ADDRESS));

        assertThat(stop.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stop.reason()).isEqualTo("bare_routing_address");
        assertThat(ticketPort.writes).isEmpty();
    }

    @Test
    void anUnverifiedStaffAddressOnATicketIsNoStaffAct() {
        var stop = (Verdict.Stop) step.apply(onTicket(TestMails.from(ADMIN.value()), MatchedBy.ROUTING_ADDRESS)
                .withSenderVerdict(UNVERIFIED));

        assertThat(stop.reason()).isEqualTo("sender_unverified");
        assertThat(ticketPort.writes).isEmpty();
    }

    @Test
    void anAdmittedCustomerMailIsAddedAsACustomerMessage() {
        var next = (Verdict.Continue)
                step.apply(onTicket(TestMails.from("carla@customer.test"), MatchedBy.BARE_ROUTING_ADDRESS));

        assertThat(ticketPort.writes).containsExactly("customer message #7");
        assertThat(next.detail()).isEqualTo("appended");
        assertThat(decision(next).outcome()).isEqualTo(Outcome.APPENDED);
        assertThat(decision(next).applied()).isEqualTo(new Verdict.Applied(7L, null, 1L));
    }

    @Test
    void aCustomerWhoMayNotJoinTheThreadOpensATicketOfTheirOwn() {
        ticketPort.admission = new Conversations.Admission.OwnTicket();

        var next = (Verdict.Continue)
                step.apply(onTicket(TestMails.from("carla@customer.test"), MatchedBy.ROUTING_ADDRESS));

        assertThat(next.detail()).isEqualTo("opened ticket #100 for carla@customer.test");
        assertThat(ticketPort.writes).isEmpty();
    }

    @Test
    void aRefusedMailIsRejectedWithThePortsReason() {
        ticketPort.admission = new Conversations.Admission.Refused("not_participant", "carla is no participant");

        var stop =
                (Verdict.Stop) step.apply(onTicket(TestMails.from("carla@customer.test"), MatchedBy.ROUTING_ADDRESS));

        assertThat(stop.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stop.reason()).isEqualTo("not_participant");
        assertThat(stop.detail()).isEqualTo("carla is no participant");
        assertThat(ticketPort.writes).isEmpty();
    }

    @Test
    void aMailOnALockedOrderIsRejectedAndTheClientTold() {
        orderPort.admission = new Conversations.Admission.Locked();
        InboundMail mail = StepMails.claimed(TestMails.from("carla@customer.test"))
                .withMatch(new ConversationMatch(Kind.ORDER, 5, MatchedBy.ROUTING_ADDRESS));

        var stop = (Verdict.Stop) step.apply(mail);

        assertThat(stop.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stop.reason()).isEqualTo("order_locked");
        assertThat(stop.detail()).isEqualTo("order #5 is locked; the client was told");
        assertThat(stop.applied()).isEqualTo(new Verdict.Applied(null, 5L, null));
        assertThat(orderPort.writes).containsExactly("told locked #5");
    }

    @Test
    void theDryRunWouldOpenATicketAndOpensNone() {
        var next = (Verdict.Continue) step.apply(StepMails.dryRun(TestMails.from("carla@customer.test")));

        assertThat(next.detail()).isEqualTo("would open a ticket for carla@customer.test");
        assertThat(decision(next).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(decision(next).applied()).isEqualTo(Verdict.Applied.NOTHING);
        verify(tickets, never()).openWithMessage(any(), any());
    }

    @Test
    void theDryRunWritesNothingToTheConversationAndTellsNobody() {
        InboundMail customer = StepMails.dryRun(TestMails.from("carla@customer.test"))
                .withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.ROUTING_ADDRESS));
        InboundMail admin = StepMails.dryRun(TestMails.from(ADMIN.value()))
                .withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.ROUTING_ADDRESS));

        var appended = (Verdict.Continue) step.apply(customer);
        var replied = (Verdict.Continue) step.apply(admin);
        orderPort.admission = new Conversations.Admission.Locked();
        var locked = (Verdict.Stop) step.apply(StepMails.dryRun(TestMails.from("carla@customer.test"))
                .withMatch(new ConversationMatch(Kind.ORDER, 5, MatchedBy.ROUTING_ADDRESS)));

        assertThat(appended.detail()).isEqualTo("would add a customer message to ticket #7");
        assertThat(replied.detail()).isEqualTo("would add a staff reply and email the customer");
        assertThat(locked.detail()).isEqualTo("order #5 is locked");
        assertThat(ticketPort.writes).isEmpty();
        assertThat(orderPort.writes).isEmpty();
    }

    private static InboundMail onTicket(TestMails mail, MatchedBy by) {
        return StepMails.claimed(mail).withMatch(new ConversationMatch(Kind.TICKET, 7, by));
    }

    private static Verdict.Stop decision(Verdict.Continue next) {
        assertThat(next.mail().decision()).as("the decision the run ends with").isNotNull();
        return next.mail().decision();
    }

    /** A conversation port that admits as told and records every write. */
    private static final class Recording implements Conversations {
        private final Kind kind;
        Admission admission = new Admission.Accepted();
        final List<String> writes = new ArrayList<>();

        Recording(Kind kind) {
            this.kind = kind;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public Optional<String> routingToken(long id) {
            return Optional.empty();
        }

        @Override
        public boolean isParticipant(long id, EmailAddress sender) {
            return false;
        }

        @Override
        public Optional<Long> findByThreadMessageId(String internetMessageId) {
            return Optional.empty();
        }

        @Override
        public Optional<Long> findByMessageId(String internetMessageId) {
            return Optional.empty();
        }

        @Override
        public Admission admit(long id, InboundMail mail) {
            return admission;
        }

        @Override
        public boolean tellLocked(long id, InboundMail mail) {
            writes.add("told locked #" + id);
            return true;
        }

        @Override
        public Appended appendFromStaff(long id, StaffMember member, MessageContent content, boolean internal) {
            writes.add("staff " + (internal ? "note" : "reply") + " #" + id);
            return new Appended(new Verdict.Applied(id, null, 1L, true), "appended");
        }

        @Override
        public Appended appendFromCustomer(long id, MailAddress sender, MessageContent content) {
            writes.add("customer message #" + id);
            return new Appended(new Verdict.Applied(id, null, 1L), "appended");
        }
    }
}
