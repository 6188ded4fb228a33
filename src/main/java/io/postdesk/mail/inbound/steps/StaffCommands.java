package io.postdesk.mail.inbound.steps;

import io.postdesk.attachment.MessageContent;
import io.postdesk.shared.EmailAddress;
import io.postdesk.ticket.TicketPriority;
import io.postdesk.ticket.TicketStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Staff email commands: lines such as {@code #status resolved}, {@code #priority high}, {@code #assign me} or
 * {@code #tag refund} in the visible text of a staff member's reply, which {@link ApplyStaffCommands} applies to the
 * ticket. A line is taken only when, stripped, it is exactly one command with one valid value; anything else that
 * looks like a command ({@code #word …} alone on a line) stays in the text as written and gets a note. Prose such as
 * "#1 priority for us" or "what is the #status?" is never a command. Pure: the caller says which addresses are staff.
 */
public final class StaffCommands {

    /** More command lines than this in one mail are left in the text: nobody types fifty commands by hand. */
    static final int MAX_COMMANDS = 20;

    private static final int MAX_NOTES = 10;
    private static final int MAX_NOTE_LINE = 60;
    private static final int MAX_TAG = 50;
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    /** A line that is meant as a command: {@code #} and a word of letters, nothing before it. */
    private static final Pattern COMMAND_LIKE = Pattern.compile("#([a-zA-Z][a-zA-Z_]*)(?:[ \\t]+(.*))?");

    private StaffCommands() {}

    /** One command, with the line it was written as (what is removed from the stored text). */
    sealed interface Command {
        String line();

        /** How the trace says it: {@code status resolved}. */
        String describe();
    }

    record SetStatus(TicketStatus status, String line) implements Command {
        @Override
        public String describe() {
            return "status " + status.wire();
        }
    }

    record SetPriority(TicketPriority priority, String line) implements Command {
        @Override
        public String describe() {
            return "priority " + priority.wire();
        }
    }

    /** @param assignee the staff member's address, or {@code null} for "me" (the sender) */
    record Assign(@Nullable EmailAddress assignee, String line) implements Command {
        @Override
        public String describe() {
            return "assign " + (assignee == null ? "me" : assignee.value());
        }
    }

    record AddTag(String tag, String line) implements Command {
        @Override
        public String describe() {
            return "tag " + tag;
        }
    }

    /**
     * What a text said.
     *
     * @param remaining the text without the taken command lines
     * @param notes why command-like lines were left in the text, for the trace
     */
    record Reading(List<Command> commands, String remaining, List<String> notes) {

        boolean hasCommands() {
            return !commands.isEmpty();
        }

        /**
         * {@code text} without the lines taken as commands: the first line equal to each, so that a longer text that
         * starts with the read one (the whole body around the visible reply) loses exactly the same lines. A blank line
         * left doubled by a removal goes too.
         */
        String withoutCommandLines(String text) {
            if (commands.isEmpty()) {
                return text;
            }
            List<String> lines = new ArrayList<>(Arrays.asList(LINE_BREAK.split(text, -1)));
            for (Command command : commands) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).strip().equals(command.line())) {
                        lines.remove(i);
                        if (i > 0
                                && i < lines.size()
                                && lines.get(i - 1).isBlank()
                                && lines.get(i).isBlank()) {
                            lines.remove(i);
                        }
                        break;
                    }
                }
            }
            return String.join("\n", lines).strip();
        }
    }

    /**
     * Reads the commands in {@code visibleText} (the reply without quoted history). {@code isStaff} tells which
     * addresses {@code #assign} may name; an unknown one leaves its line in the text.
     */
    static Reading read(String visibleText, Predicate<EmailAddress> isStaff) {
        List<Command> commands = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String raw : LINE_BREAK.split(visibleText, -1)) {
            String line = raw.strip();
            Matcher matcher = COMMAND_LIKE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            String value = matcher.group(2) == null ? "" : matcher.group(2).strip();
            String problem;
            if (commands.size() >= MAX_COMMANDS) {
                problem = "more than " + MAX_COMMANDS + " commands";
            } else {
                Parsed parsed = parse(name, value, line, isStaff);
                if (parsed.command() != null) {
                    commands.add(parsed.command());
                    continue;
                }
                problem = parsed.problem();
            }
            if (notes.size() < MAX_NOTES) {
                notes.add("\"" + shortened(line) + "\" left in the text: " + problem);
            }
        }
        Reading taken = new Reading(List.copyOf(commands), "", List.copyOf(notes));
        return new Reading(taken.commands(), taken.withoutCommandLines(visibleText), taken.notes());
    }

    /**
     * The mail's text as it is stored when staff send it: without the command lines, in the body and the visible
     * text. The HTML part goes when a command was taken, because lines cannot be cut reliably out of HTML; the plain
     * text then stands for the message.
     */
    public static MessageContent withoutCommands(MessageContent content, Predicate<EmailAddress> isStaff) {
        Reading reading = read(content.visibleText(), isStaff);
        if (!reading.hasCommands()) {
            return content;
        }
        return new MessageContent(
                reading.withoutCommandLines(content.body()),
                reading.remaining(),
                null,
                content.emailMessageId(),
                content.attachments(),
                content.typed());
    }

    private record Parsed(@Nullable Command command, String problem) {
        static Parsed of(Command command) {
            return new Parsed(command, "");
        }

        static Parsed problem(String problem) {
            return new Parsed(null, problem);
        }
    }

    private static Parsed parse(String name, String value, String line, Predicate<EmailAddress> isStaff) {
        String word = value.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "status" ->
                Arrays.stream(TicketStatus.values())
                        .filter(s -> s.wire().equals(word))
                        .findFirst()
                        .map(s -> Parsed.of(new SetStatus(s, line)))
                        .orElseGet(() -> Parsed.problem("status must be one of " + wires(TicketStatus.values())));
            case "priority" ->
                Arrays.stream(TicketPriority.values())
                        .filter(p -> p.wire().equals(word))
                        .findFirst()
                        .map(p -> Parsed.of(new SetPriority(p, line)))
                        .orElseGet(() -> Parsed.problem("priority must be one of " + wires(TicketPriority.values())));
            case "assign" -> assign(word, line, isStaff);
            case "tag" -> tag(word, line);
            default -> Parsed.problem("unknown command (known: #status, #priority, #assign, #tag)");
        };
    }

    private static Parsed assign(String word, String line, Predicate<EmailAddress> isStaff) {
        if (word.equals("me")) {
            return Parsed.of(new Assign(null, line));
        }
        if (!EmailAddress.isValid(word)) {
            return Parsed.problem("#assign takes a staff member's email address or \"me\"");
        }
        EmailAddress assignee = new EmailAddress(word);
        return isStaff.test(assignee)
                ? Parsed.of(new Assign(assignee, line))
                : Parsed.problem("no staff member has that address");
    }

    private static Parsed tag(String word, String line) {
        if (word.isEmpty()
                || word.length() > MAX_TAG
                || word.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Parsed.problem("#tag takes one word of at most " + MAX_TAG + " characters");
        }
        return Parsed.of(new AddTag(word, line));
    }

    private static String wires(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static String shortened(String line) {
        return line.length() > MAX_NOTE_LINE ? line.substring(0, MAX_NOTE_LINE) + "…" : line;
    }
}
