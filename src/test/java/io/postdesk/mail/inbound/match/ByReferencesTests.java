package io.postdesk.mail.inbound.match;

import static io.postdesk.mail.inbound.match.FakeConversations.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.mail.inbound.TestMails;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ByReferencesTests {

    private final FakeConversations tickets = new FakeConversations(ConversationMatch.Kind.TICKET);
    private final FakeConversations orders = new FakeConversations(ConversationMatch.Kind.ORDER);
    private final ByReferences strategy = new ByReferences(FakeConversations.both(tickets, orders));

    @Test
    void takesTheNewestReferenceThatIsKnown() {
        tickets.threads.put("<old@postdesk>", 1L);
        orders.threads.put("<newer@postdesk>", 2L);

        var match = strategy.find(parsed(
                TestMails.from("a@example.com").header("References", "<old@postdesk> <newer@postdesk> <unknown@x>")));

        assertThat(match)
                .contains(
                        new ConversationMatch(ConversationMatch.Kind.ORDER, 2, ConversationMatch.MatchedBy.REFERENCES));
    }

    @Test
    void findsATicketByAnEarlierMessageInTheChain() {
        tickets.messages.put("<m5@postdesk>", 5L);

        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("References", "<a@x> <m5@postdesk>"))))
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.TICKET, 5, ConversationMatch.MatchedBy.REFERENCES));
    }

    @Test
    void searchesOnlyTheNewestTwentyIdsOfALongChain() {
        tickets.threads.put("<id0@x>", 9L);
        String chain = IntStream.range(0, 21).mapToObj(i -> "<id" + i + "@x>").collect(Collectors.joining(" "));

        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("References", chain))))
                .isEmpty();
    }
}
