package io.postdesk.ticket;

import io.postdesk.shared.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A search as people type it, parsed once for the dashboard, the API's {@code q} and the portal. Free words match
 * words of the ticket by prefix; {@code "quoted phrases"} match as written; {@code -word} excludes; fields narrow:
 * {@code from:} (the contact's address or name), {@code to:} (a collaborator's address or name), {@code tag:},
 * {@code status:}, {@code priority:}, {@code assignee:me|none|<email>}, {@code is:unassigned}, {@code before:} and
 * {@code after:} (ISO dates, UTC, both exclusive), and {@code #42} (ticket 42). An unknown {@code field:} is searched
 * as a word, so a pasted URL or "re:" never fails. A bad value of a known field is the caller's error.
 *
 * @param words lower-cased words that must each start a word of the ticket
 * @param phrases lower-cased phrases the ticket must contain, each also split into its words
 * @param excluded lower-cased words no word of the ticket may start with
 * @param ticketNumber the number of {@code #42} or of a query that is only a number
 */
public record SearchQuery(
        List<String> words,
        List<String> phrases,
        List<String> excluded,
        List<String> from,
        List<String> to,
        List<String> tags,
        @Nullable TicketStatus status,
        @Nullable TicketPriority priority,
        Assignee assignee,
        @Nullable String assigneeEmail,
        @Nullable LocalDate before,
        @Nullable LocalDate after,
        @Nullable Long ticketNumber) {

    /** Whose tickets a search asks for. */
    public enum Assignee {
        ANY,
        ME,
        NONE,
        EMAIL
    }

    /** Longer queries are cut here: each term is a subquery. */
    static final int MAX_TERMS = 12;

    public SearchQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        excluded = List.copyOf(excluded);
        from = List.copyOf(from);
        to = List.copyOf(to);
        tags = List.copyOf(tags);
    }

    /** Whether the query only names a ticket ("#42" or "42"): the dashboard then opens it. */
    public boolean isTicketNumberOnly() {
        return ticketNumber != null
                && words.size() <= 1
                && phrases.isEmpty()
                && excluded.isEmpty()
                && from.isEmpty()
                && to.isEmpty()
                && tags.isEmpty()
                && status == null
                && priority == null
                && assignee == Assignee.ANY
                && before == null
                && after == null;
    }

    /** Whether anything beyond field filters must be matched against the ticket's words. */
    boolean hasText() {
        return !words.isEmpty() || !phrases.isEmpty();
    }

    public static SearchQuery parse(@Nullable String text) {
        var words = new ArrayList<String>();
        var phrases = new ArrayList<String>();
        var excluded = new ArrayList<String>();
        var from = new ArrayList<String>();
        var to = new ArrayList<String>();
        var tags = new ArrayList<String>();
        TicketStatus status = null;
        TicketPriority priority = null;
        Assignee assignee = Assignee.ANY;
        String assigneeEmail = null;
        LocalDate before = null;
        LocalDate after = null;
        Long number = null;
        int terms = 0;
        for (Token token : tokens(text == null ? "" : text)) {
            if (terms++ >= MAX_TERMS) {
                break;
            }
            String value = token.text();
            if (token.quoted()) {
                String phrase = value.strip().toLowerCase(Locale.ROOT);
                if (!phrase.isEmpty()) {
                    if (token.negated()) {
                        excluded.addAll(words(phrase));
                    } else {
                        phrases.add(phrase);
                    }
                }
                continue;
            }
            int colon = value.indexOf(':');
            String field = colon > 0 ? value.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String arg = colon > 0 ? value.substring(colon + 1) : "";
            if (!arg.isEmpty() && !token.negated()) {
                boolean known = true;
                switch (field) {
                    case "from" -> from.add(arg.toLowerCase(Locale.ROOT));
                    case "to", "cc" -> to.add(arg.toLowerCase(Locale.ROOT));
                    case "tag" -> tags.add(arg.toLowerCase(Locale.ROOT));
                    case "status" -> status = TicketStatus.fromWire(arg.toLowerCase(Locale.ROOT), "q");
                    case "priority" -> priority = TicketPriority.fromWire(arg.toLowerCase(Locale.ROOT), "q");
                    case "assignee" -> {
                        switch (arg.toLowerCase(Locale.ROOT)) {
                            case "me" -> assignee = Assignee.ME;
                            case "none", "nobody" -> assignee = Assignee.NONE;
                            default -> {
                                assignee = Assignee.EMAIL;
                                assigneeEmail = arg.toLowerCase(Locale.ROOT);
                            }
                        }
                    }
                    case "is" -> {
                        if (!arg.equalsIgnoreCase("unassigned")) {
                            throw new InvalidInputException("q", "is: takes \"unassigned\"");
                        }
                        assignee = Assignee.NONE;
                    }
                    case "before" -> before = date(arg, "before");
                    case "after" -> after = date(arg, "after");
                    default -> known = false;
                }
                if (known) {
                    continue;
                }
            }
            if (!token.negated() && value.matches("#\\d{1,18}")) {
                number = Long.parseLong(value.substring(1));
                continue;
            }
            if (!token.negated() && value.matches("\\d{1,18}") && number == null) {
                number = Long.parseLong(value);
            }
            (token.negated() ? excluded : words).addAll(words(value));
        }
        return new SearchQuery(
                words,
                phrases,
                excluded,
                from,
                to,
                tags,
                status,
                priority,
                assignee,
                assigneeEmail,
                before,
                after,
                number);
    }

    /** Longer words are cut here. */
    static final int MAX_WORD = 100;

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * The words of a text as a search matches them: runs of letters and digits, lower-cased, at most {@link #MAX_WORD}
     * characters each ("dave@printers.example" gives dave, printers, example); the index splits text the same way
     * ({@link SearchDocument#words}).
     */
    static java.util.Set<String> words(String text) {
        java.util.Set<String> words = new java.util.LinkedHashSet<>();
        for (String word : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word);
            }
        }
        return words;
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("q", field + ": takes a date like 2026-03-31");
        }
    }

    private record Token(String text, boolean quoted, boolean negated) {}

    /** Splits on white space; a double quote runs to the next one (or the end); a leading minus negates. */
    private static List<Token> tokens(String text) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean negated = false;
            if (text.charAt(i) == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                negated = true;
                i++;
            }
            if (text.charAt(i) == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    end = n;
                }
                tokens.add(new Token(text.substring(i + 1, end), true, negated));
                i = Math.min(n, end + 1);
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), false, negated));
            }
        }
        return tokens;
    }
}
