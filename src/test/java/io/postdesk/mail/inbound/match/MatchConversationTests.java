package io.postdesk.mail.inbound.match;

import static io.postdesk.mail.inbound.match.FakeConversations.parsed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import org.junit.jupiter.api.Test;

class MatchConversationTests {

    private final FakeConversations tickets = new FakeConversations(ConversationMatch.Kind.TICKET);
    private final FakeConversations orders = new FakeConversations(ConversationMatch.Kind.ORDER);
    private final MatchConversation step;

    MatchConversationTests() {
        EmailSettingsStore settings = mock(EmailSettingsStore.class);
        when(settings.current())
                .thenReturn(new EmailSettings(
                        new EmailAddress("help@acme.test"), null, 587, null, null, false, null, null));
        AllConversations all = FakeConversations.both(tickets, orders);
        step = new MatchConversation(
                all,
                new ByRoutingAddress(settings, all, mock(StaffDirectory.class)),
                new ByThreadMessageId(all),
                new ByEarlierMessageId(all),
                new ByReferences(all));
        tickets.tokens.put(7L, "5ec7e7a1");
        tickets.participants.add("7:carla@customer.test");
        tickets.threads.put("<t9@postdesk>", 9L);
    }

    @Test
    void keepsABareRoutingMatchOnlyAsAFallbackWhileLaterStrategiesLookForProof() {
        InboundMail mail = match(TestMails.from("carla@customer.test")
                .header("To", "ticket+7@acme.test")
                .header("In-Reply-To", "<t9@postdesk>"));

        assertThat(mail.match())
                .isEqualTo(new ConversationMatch(
                        ConversationMatch.Kind.TICKET, 9, ConversationMatch.MatchedBy.IN_REPLY_TO_THREAD));
    }

    @Test
    void takesTheBareMatchWhenNothingProvesMore() {
        InboundMail mail = match(TestMails.from("carla@customer.test").header("To", "ticket+7@acme.test"));

        assertThat(mail.match()).isNotNull();
        assertThat(mail.match().isBare()).isTrue();
        assertThat(mail.mayActAsStaff()).isFalse();
    }

    @Test
    void goesOnWithoutAMatchWhenNoStrategyFindsOne() {
        Verdict verdict = step.apply(parsed(TestMails.from("new@customer.test")));

        assertThat(verdict.detail()).isEqualTo("no existing conversation");
        assertThat(((Verdict.Continue) verdict).mail().match()).isNull();
    }

    @Test
    void handsAMailForAMergedTicketOnToItsTargetAndSaysWhy() {
        tickets.merged.put(9L, 12L);

        Verdict verdict =
                step.apply(parsed(TestMails.from("carla@customer.test").header("In-Reply-To", "<t9@postdesk>")));

        assertThat(((Verdict.Continue) verdict).mail().match())
                .isEqualTo(new ConversationMatch(
                        ConversationMatch.Kind.TICKET, 12, ConversationMatch.MatchedBy.IN_REPLY_TO_THREAD));
        assertThat(verdict.detail())
                .isEqualTo("ticket #12 by in_reply_to_thread (ticket #9 by in_reply_to_thread, merged into #12)");
    }

    private InboundMail match(TestMails mail) {
        return ((Verdict.Continue) step.apply(parsed(mail))).mail();
    }
}
