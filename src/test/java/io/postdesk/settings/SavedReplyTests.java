package io.postdesk.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SavedReplyTests {

    private static final Map<String, String> VALUES = Map.of(
            "contact.name", "Carol",
            "contact.email", "carol@example.com",
            "ticket.id", "42",
            "ticket.subject", "Printer on fire",
            "agent.name", "Alex");

    @Test
    void fillsEveryKnownPlaceholder() {
        var reply = new SavedReply(
                1,
                "Greeting",
                "Hi {{contact.name}} ({{contact.email}}), about #{{ticket.id}} \"{{ticket.subject}}\": {{ agent.name }}");

        assertThat(reply.fill(VALUES)).isEqualTo("Hi Carol (carol@example.com), about #42 \"Printer on fire\": Alex");
    }

    @Test
    void leavesUnknownPlaceholdersVisible() {
        var reply = new SavedReply(1, "Typo", "Hi {{contact.nmae}}, {{order.id}} {{nothing}} {single}");

        assertThat(reply.fill(VALUES)).isEqualTo("Hi {{contact.nmae}}, {{order.id}} {{nothing}} {single}");
    }

    @Test
    void insertsValuesLiterallyEvenWithRegexCharacters() {
        var reply = new SavedReply(1, "Money", "Dear {{contact.name}}");

        assertThat(reply.fill(Map.of("contact.name", "$1 \\o/ {{agent.name}}")))
                .isEqualTo("Dear $1 \\o/ {{agent.name}}");
    }
}
