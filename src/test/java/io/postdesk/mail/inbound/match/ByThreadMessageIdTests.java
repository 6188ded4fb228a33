package io.postdesk.mail.inbound.match;

import static io.postdesk.mail.inbound.match.FakeConversations.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.TestMails;
import org.junit.jupiter.api.Test;

class ByThreadMessageIdTests {

    private final FakeConversations tickets = new FakeConversations(ConversationMatch.Kind.TICKET);
    private final FakeConversations orders = new FakeConversations(ConversationMatch.Kind.ORDER);
    private final ByThreadMessageId strategy = new ByThreadMessageId(FakeConversations.both(tickets, orders));

    @Test
    void findsTheTicketWhoseThreadTheReplyAnswers() {
        tickets.threads.put("<t7@postdesk>", 7L);

        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("In-Reply-To", "<t7@postdesk>"))))
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.TICKET, 7, ConversationMatch.MatchedBy.IN_REPLY_TO_THREAD));
    }

    @Test
    void asksTheOrdersWhenNoTicketHasThatThread() {
        orders.threads.put("<o3@postdesk>", 3L);

        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("In-Reply-To", "<o3@postdesk>"))))
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.ORDER, 3, ConversationMatch.MatchedBy.IN_REPLY_TO_THREAD));
    }

    @Test
    void findsNothingWithoutInReplyToOrForAMessageThatIsNoThreadRoot() {
        tickets.messages.put("<m1@postdesk>", 7L);

        assertThat(strategy.find(parsed(TestMails.from("a@example.com")))).isEmpty();
        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("In-Reply-To", "<m1@postdesk>"))))
                .isEmpty();
    }
}
