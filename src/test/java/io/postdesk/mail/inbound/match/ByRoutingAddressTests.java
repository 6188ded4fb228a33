package io.postdesk.mail.inbound.match;

import static io.postdesk.mail.inbound.match.FakeConversations.parsed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.postdesk.mail.inbound.TestMails;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import org.junit.jupiter.api.Test;

class ByRoutingAddressTests {

    private final FakeConversations tickets = new FakeConversations(ConversationMatch.Kind.TICKET);
    private final FakeConversations orders = new FakeConversations(ConversationMatch.Kind.ORDER);
    private final StaffDirectory staff = mock(StaffDirectory.class);
    private final ByRoutingAddress strategy;

    ByRoutingAddressTests() {
        EmailSettingsStore settings = mock(EmailSettingsStore.class);
        when(settings.current())
                .thenReturn(new EmailSettings(
                        new EmailAddress("help@acme.test"), null, 587, null, null, false, null, null));
        strategy = new ByRoutingAddress(settings, FakeConversations.both(tickets, orders), staff);
        tickets.tokens.put(7L, "5ec7e7a1");
        orders.tokens.put(3L, "70ca1e55");
    }

    @Test
    void matchesATicketByItsTokenedRoutingAddress() {
        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("To", "ticket+7-5ec7e7a1@acme.test"))))
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.TICKET, 7, ConversationMatch.MatchedBy.ROUTING_ADDRESS));
    }

    @Test
    void matchesAnOrderTheSameWay() {
        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("To", "order+3-70ca1e55@acme.test"))))
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.ORDER, 3, ConversationMatch.MatchedBy.ROUTING_ADDRESS));
    }

    @Test
    void refusesAWrongTokenAndAConversationThatIsGone() {
        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("To", "ticket+7-00000000@acme.test"))))
                .isEmpty();
        assertThat(strategy.find(parsed(TestMails.from("a@example.com").header("To", "ticket+8-5ec7e7a1@acme.test"))))
                .isEmpty();
    }

    @Test
    void acceptsTheBareFormOnlyFromAParticipantAndMarksItBare() {
        tickets.participants.add("7:carla@customer.test");

        assertThat(strategy.find(parsed(TestMails.from("carla@customer.test").header("To", "ticket+7@acme.test"))))
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.TICKET, 7, ConversationMatch.MatchedBy.BARE_ROUTING_ADDRESS));
        assertThat(strategy.find(parsed(TestMails.from("mallory@evil.test").header("To", "ticket+7@acme.test"))))
                .isEmpty();
    }

    @Test
    void prefersATokenedAddressOverABareOne() {
        tickets.participants.add("7:carla@customer.test");
        orders.participants.add("3:carla@customer.test");

        var match = strategy.find(parsed(TestMails.from("carla@customer.test")
                .header("To", "ticket+7@acme.test")
                .header("Cc", "order+3-70ca1e55@acme.test")));

        assertThat(match)
                .contains(new ConversationMatch(
                        ConversationMatch.Kind.ORDER, 3, ConversationMatch.MatchedBy.ROUTING_ADDRESS));
    }
}
