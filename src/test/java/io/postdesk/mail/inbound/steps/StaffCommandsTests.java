package io.postdesk.mail.inbound.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.attachment.MessageContent;
import io.postdesk.shared.EmailAddress;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketStatus;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class StaffCommandsTests {

    private static final Predicate<EmailAddress> ALEX_IS_STAFF = a -> a.value().equals("alex@example.com");

    private static StaffCommands.Reading read(String text) {
        return StaffCommands.read(text, ALEX_IS_STAFF);
    }

    @Test
    void takesEachCommandOnItsOwnLineAndRemovesIt() {
        var reading = read("Refund sent.\n\n#status resolved\n#priority high\n#assign me\n#tag refund\n#tag vip\n");

        assertThat(reading.commands())
                .containsExactly(
                        new StaffCommands.SetStatus(TicketStatus.RESOLVED, "#status resolved"),
                        new StaffCommands.SetPriority(TicketPriority.HIGH, "#priority high"),
                        new StaffCommands.Assign(null, "#assign me"),
                        new StaffCommands.AddTag("refund", "#tag refund"),
                        new StaffCommands.AddTag("vip", "#tag vip"));
        assertThat(reading.remaining()).isEqualTo("Refund sent.");
        assertThat(reading.notes()).isEmpty();
    }

    @Test
    void acceptsEveryStatusAndPriorityTheTicketKnowsInAnyCaseWithSurroundingBlanks() {
        for (TicketStatus status : TicketStatus.values()) {
            assertThat(read("  #Status " + status.wire().toUpperCase() + "\t").commands())
                    .containsExactly(new StaffCommands.SetStatus(
                            status, "#Status " + status.wire().toUpperCase()));
        }
        for (TicketPriority priority : TicketPriority.values()) {
            assertThat(read("#priority " + priority.wire()).commands())
                    .extracting(StaffCommands.Command::describe)
                    .containsExactly("priority " + priority.wire());
        }
    }

    @Test
    void assignsAKnownStaffAddressButLeavesAnUnknownOneInTheText() {
        var reading = read("#assign Alex@Example.com\n#assign eve@evil.test\n#assign nobody");

        assertThat(reading.commands())
                .containsExactly(
                        new StaffCommands.Assign(new EmailAddress("alex@example.com"), "#assign Alex@Example.com"));
        assertThat(reading.remaining()).isEqualTo("#assign eve@evil.test\n#assign nobody");
        assertThat(reading.notes())
                .containsExactly(
                        "\"#assign eve@evil.test\" left in the text: no staff member has that address",
                        "\"#assign nobody\" left in the text: #assign takes a staff member's email address or \"me\"");
    }

    @Test
    void leavesBadValuesAndUnknownCommandsInTheTextWithANote() {
        var reading = read("#status done\n#priority normal\n#tag two words\n#status\n#close now");

        assertThat(reading.commands()).isEmpty();
        assertThat(reading.remaining())
                .isEqualTo("#status done\n#priority normal\n#tag two words\n#status\n#close now");
        assertThat(reading.notes())
                .containsExactly(
                        "\"#status done\" left in the text: status must be one of open, in_progress, pending,"
                                + " resolved, closed",
                        "\"#priority normal\" left in the text: priority must be one of low, medium, high, urgent",
                        "\"#tag two words\" left in the text: #tag takes one word of at most 50 characters",
                        "\"#status\" left in the text: status must be one of open, in_progress, pending, resolved,"
                                + " closed",
                        "\"#close now\" left in the text: unknown command (known: #status, #priority, #assign, #tag)");
    }

    @Test
    void neverTakesACommandOutOfProse() {
        String prose = "#1 priority for us is the refund.\nWhat is the #status resolved thing?\n"
                + "Please #tag refund this.\n> #status resolved\n#status resolved, thanks\n# status resolved";

        var reading = read(prose);

        assertThat(reading.commands()).isEmpty();
        assertThat(reading.remaining()).isEqualTo(prose);
    }

    @Test
    void takesAtMostTwentyCommands() {
        var reading = read("#tag t\n".repeat(StaffCommands.MAX_COMMANDS + 1));

        assertThat(reading.commands()).hasSize(StaffCommands.MAX_COMMANDS);
        assertThat(reading.remaining()).isEqualTo("#tag t");
        assertThat(reading.notes()).containsExactly("\"#tag t\" left in the text: more than 20 commands");
    }

    @Test
    void removesTheSameLinesFromTheWholeBodyButNotFromItsQuotedHistory() {
        var content = MessageContent.mailed(
                "Done.\r\n#status resolved\r\n\r\nOn Monday Carla wrote:\r\n> #status resolved\r\n#status resolved",
                "Done.\n#status resolved",
                "<p>Done.<br>#status resolved</p>",
                "<m@example.com>",
                List.of());

        var stored = StaffCommands.withoutCommands(content, ALEX_IS_STAFF);

        assertThat(stored.visibleText()).isEqualTo("Done.");
        assertThat(stored.body()).isEqualTo("Done.\n\nOn Monday Carla wrote:\n> #status resolved\n#status resolved");
        assertThat(stored.bodyHtml())
                .as("lines cannot be cut out of HTML: the text stands")
                .isNull();
        assertThat(stored.emailMessageId()).isEqualTo("<m@example.com>");
    }

    @Test
    void aRemovalLeavesNoDoubledBlankLine() {
        var reading = read("Done.\n\n#status resolved\n\nOn Monday Carla wrote:");

        assertThat(reading.remaining()).isEqualTo("Done.\n\nOn Monday Carla wrote:");
    }

    @Test
    void leavesContentWithoutCommandsUntouched() {
        var content = MessageContent.mailed("Hi\r\n#nope", "Hi\n#nope", "<p>Hi</p>", null, List.of());

        assertThat(StaffCommands.withoutCommands(content, ALEX_IS_STAFF)).isSameAs(content);
    }
}
