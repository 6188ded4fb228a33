package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.SenderVerdict;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.inbound.match.ConversationMatch.Kind;
import io.postdesk.mail.inbound.match.ConversationMatch.MatchedBy;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.ticket.TicketManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddCcCollaboratorsTests {

    /** Everyone who is not a collaborator candidate, and one who is (Dan). */
    private static final String CC = "Dan <dan@customer.test>, carla@customer.test, help@acme.test,"
            + " noreply@acme.test, ticket+7-5ec7e7a1@acme.test, admin@acme.test";

    private final TicketManagement tickets = mock(TicketManagement.class);
    private final StaffDirectory staff = mock(StaffDirectory.class);
    private final EmailSettingsStore settings = mock(EmailSettingsStore.class);
    private final AddCcCollaborators step = new AddCcCollaborators(tickets, staff, settings);

    @BeforeEach
    void supportAddressesAndStaff() {
        when(settings.current())
                .thenReturn(new EmailSettings(
                        new EmailAddress("help@acme.test"),
                        "smtp.acme.test",
                        587,
                        null,
                        null,
                        false,
                        new EmailAddress("noreply@acme.test"),
                        "Acme"));
        when(staff.isStaff(new EmailAddress("admin@acme.test"))).thenReturn(true);
    }

    @Test
    void aCustomersCcAddressesFollowTheTicketExceptSupportRoutingStaffAndTheSender() {
        var next = step.apply(customerMessage(
                StepMails.claimed(TestMails.from("carla@customer.test").header("Cc", CC))));

        assertThat(next).isInstanceOf(Verdict.Continue.class);
        assertThat(next.detail()).isEqualTo("collaborators: dan@customer.test");
        verify(tickets).addCollaborator(7, "dan@customer.test", "Dan");
        verifyNoMoreInteractions(tickets);
    }

    @Test
    void aMailWithoutCcAddsNobody() {
        var next = step.apply(customerMessage(StepMails.claimed(TestMails.from("carla@customer.test"))));

        assertThat(next.detail()).isEqualTo("no collaborators to add");
        verify(tickets, never()).addCollaborator(anyLong(), anyString(), any());
    }

    @Test
    void aStaffReplyAddsNoCollaborators() {
        InboundMail mail = StepMails.claimed(TestMails.from("admin@acme.test").header("Cc", "dan@customer.test"))
                .withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.ROUTING_ADDRESS))
                .withDecision(
                        new Verdict.Stop(Outcome.APPENDED, null, "reply", new Verdict.Applied(7L, null, 1L, true)));

        assertThat(step.apply(mail).detail()).isEqualTo("no collaborators to add");
        verify(tickets, never()).addCollaborator(anyLong(), anyString(), any());
    }

    @Test
    void aMailOnAnOrderAddsNoCollaborators() {
        InboundMail mail = StepMails.claimed(
                        TestMails.from("carla@customer.test").header("Cc", "dan@customer.test"))
                .withMatch(new ConversationMatch(Kind.ORDER, 5, MatchedBy.ROUTING_ADDRESS))
                .withDecision(new Verdict.Stop(Outcome.APPENDED, null, "message", new Verdict.Applied(null, 5L, 1L)));

        assertThat(step.apply(mail).detail()).isEqualTo("no collaborators to add");
        verify(tickets, never()).addCollaborator(anyLong(), anyString(), any());
    }

    @Test
    void anUnverifiedSenderAddsNoCollaborators() {
        InboundMail mail = customerMessage(
                StepMails.claimed(TestMails.from("carla@customer.test").header("Cc", "dan@customer.test"))
                        .withSenderVerdict(new SenderVerdict.Unverified("dmarc=fail")));

        assertThat(step.apply(mail).detail()).isEqualTo("CC addresses not added: the sender is unverified");
        verify(tickets, never()).addCollaborator(anyLong(), anyString(), any());
    }

    @Test
    void anUnverifiedSenderWithoutCcHasNoCollaboratorsToAdd() {
        InboundMail mail = customerMessage(StepMails.claimed(TestMails.from("carla@customer.test"))
                .withSenderVerdict(new SenderVerdict.Unverified("dmarc=fail")));

        assertThat(step.apply(mail).detail()).isEqualTo("no collaborators to add");
    }

    @Test
    void aMailOnTheBareRoutingFormOnlyAddsNoCollaborators() {
        InboundMail mail = StepMails.claimed(
                        TestMails.from("carla@customer.test").header("Cc", "dan@customer.test"))
                .withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.BARE_ROUTING_ADDRESS))
                .withDecision(appended());

        assertThat(step.apply(mail).detail())
                .isEqualTo("CC addresses not added: the mail reached the ticket by the bare routing address only");
        verify(tickets, never()).addCollaborator(anyLong(), anyString(), any());
    }

    @Test
    void aNewTicketsCcAddressesFollowItToo() {
        InboundMail mail = StepMails.claimed(
                        TestMails.from("carla@customer.test").header("Cc", "dan@customer.test"))
                .withDecision(new Verdict.Stop(Outcome.CREATED, null, "opened", new Verdict.Applied(100L, null, 200L)));

        assertThat(step.apply(mail).detail()).isEqualTo("collaborators: dan@customer.test");
        verify(tickets).addCollaborator(100, "dan@customer.test", null);
    }

    @Test
    void theDryRunNamesTheCollaboratorsAndAddsNone() {
        var next = step.apply(customerMessage(
                StepMails.dryRun(TestMails.from("carla@customer.test").header("Cc", CC))));

        assertThat(next.detail()).isEqualTo("collaborators: dan@customer.test");
        verify(tickets, never()).addCollaborator(anyLong(), anyString(), any());
    }

    @Test
    void aMailThatWasNotAppliedIsAnError() {
        InboundMail unapplied = StepMails.claimed(TestMails.from("carla@customer.test"));

        assertThatIllegalStateException()
                .isThrownBy(() -> step.apply(unapplied))
                .withMessage("the mail was not applied");
    }

    /** A customer message on ticket #7, matched by its tokened routing address. */
    private static InboundMail customerMessage(InboundMail mail) {
        return mail.withMatch(new ConversationMatch(Kind.TICKET, 7, MatchedBy.ROUTING_ADDRESS))
                .withDecision(appended());
    }

    private static Verdict.Stop appended() {
        return new Verdict.Stop(Outcome.APPENDED, null, "message", new Verdict.Applied(7L, null, 1L));
    }
}
