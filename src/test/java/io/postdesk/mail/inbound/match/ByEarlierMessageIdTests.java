package io.postdesk.mail.inbound.match;

import static io.postdesk.mail.inbound.match.FakeConversations.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.TestMails;
import org.junit.jupiter.api.Test;

class ByEarlierMessageIdTests {

    private final FakeConversations tickets = new FakeConversations(ConversationMatch.Kind.TICKET);
    private final FakeConversations orders = new FakeConversations(ConversationMatch.Kind.ORDER);
    private final ByEarlierMessageId strategy = new ByEarlierMessageId(FakeConversations.both(tickets, orders));

    @Test
    void findsTheTicketOneOfWhoseMessagesTheReplyAnswers() {
        tickets.messages.put("<reply-12@postdesk>", 7L);

        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("In-Reply-To", "<reply-12@postdesk>"))))
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.TICKET, 7, ConversationMatch.MatchedBy.IN_REPLY_TO_MESSAGE));
    }

    @Test
    void findsNothingForAnUnknownMessageId() {
        tickets.messages.put("<reply-12@postdesk>", 7L);

        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("In-Reply-To", "<other@x>"))))
                .isEmpty();
    }
}
