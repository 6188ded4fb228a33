package io.postdesk.assist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written AI Suggest evaluation set ({@code bench/src/resources/ai-eval/tickets.jsonl}): one resolved
 * ticket per line, one held-out mail per topic. {@link #load} parses and validates it so a benchmark never measures
 * a broken set; {@link #main} prints per-topic and per-language counts.
 */
public final class EvalSet {

    /** Where the set lives, relative to the project root (the working directory of the bench runs). */
    public static final Path DEFAULT = Path.of("bench/src/resources/ai-eval/tickets.jsonl");

    private static final Set<String> LANGS = Set.of("en", "de", "fr", "es");
    private static final Pattern TOPIC_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MIN_TOPICS = 30;
    private static final int MIN_TICKETS = 300;
    // Word ranges of the brief: a customer mail as people write one, a resolution that says what was done.
    private static final int CUSTOMER_MIN_WORDS = 30;
    private static final int CUSTOMER_MAX_WORDS = 150;
    private static final int RESOLUTION_MIN_WORDS = 40;
    private static final int RESOLUTION_MAX_WORDS = 120;

    /** One resolved ticket: the customer's mail and the agent reply that resolved it. */
    public record Ticket(
            String topic,
            String lang,
            String subject,
            String customer,
            String resolution,
            String contact,
            boolean heldOut) {}

    private final List<Ticket> tickets;

    private EvalSet(List<Ticket> tickets) {
        this.tickets = List.copyOf(tickets);
    }

    public List<Ticket> tickets() {
        return tickets;
    }

    public List<Ticket> indexed() {
        return tickets.stream().filter(t -> !t.heldOut()).toList();
    }

    public List<Ticket> heldOut() {
        return tickets.stream().filter(Ticket::heldOut).toList();
    }

    /** Parses every line and validates the whole set; throws {@link IllegalStateException} listing every problem. */
    public static EvalSet load(Path file) {
        // Unknown fields are an error: the line format is fixed, a typo in a field name must not pass silently.
        JsonMapper json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .build();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                Ticket t = json.readValue(line, Ticket.class);
                check(t, i + 1, problems);
                tickets.add(t);
            } catch (JacksonException e) {
                problems.add("line " + (i + 1) + ": " + e.getOriginalMessage());
            }
        }
        // The same mail twice would let a held-out query find itself, or count one wording double.
        tickets.stream()
                .filter(t -> t.customer() != null)
                .collect(Collectors.groupingBy(t -> t.customer().strip(), Collectors.counting()))
                .forEach((text, n) -> {
                    if (n > 1) {
                        problems.add("customer mail appears " + n + " times: " + text.lines().findFirst().orElse(""));
                    }
                });
        Map<String, List<Ticket>> byTopic =
                tickets.stream().collect(Collectors.groupingBy(Ticket::topic, TreeMap::new, Collectors.toList()));
        if (byTopic.size() < MIN_TOPICS) {
            problems.add(byTopic.size() + " topics, at least " + MIN_TOPICS + " needed");
        }
        if (tickets.size() < MIN_TICKETS) {
            problems.add(tickets.size() + " tickets, at least " + MIN_TICKETS + " needed");
        }
        byTopic.forEach((topic, list) -> {
            List<Ticket> held = list.stream().filter(Ticket::heldOut).toList();
            if (held.size() != 1) {
                problems.add(topic + ": " + held.size() + " held-out mails, exactly 1 needed");
            }
            Set<String> langs = list.stream().map(Ticket::lang).collect(Collectors.toSet());
            if (langs.size() < 2 && list.size() < 10) {
                problems.add(topic + ": " + list.size() + " mails in " + langs + ", needs 2 languages or 10 mails");
            }
            // A held-out mail in a language no indexed mail of its topic has would test translation, not retrieval.
            held.forEach(h -> {
                if (list.stream().noneMatch(t -> !t.heldOut() && t.lang().equals(h.lang()))) {
                    problems.add(topic + ": held-out mail in " + h.lang() + " but no indexed mail in that language");
                }
            });
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(file + " is not a valid evaluation set:\n  " + String.join("\n  ", problems));
        }
        return new EvalSet(tickets);
    }

    private static void check(Ticket t, int line, List<String> problems) {
        String where = "line " + line + ": ";
        if (t.topic() == null || !TOPIC_ID.matcher(t.topic()).matches()) {
            problems.add(where + "topic is not a kebab-case id: " + t.topic());
        }
        if (t.lang() == null || !LANGS.contains(t.lang())) {
            problems.add(where + "lang must be one of " + LANGS + ": " + t.lang());
        }
        for (var field : Map.of(
                        "subject", String.valueOf(t.subject()),
                        "customer", String.valueOf(t.customer()),
                        "resolution", String.valueOf(t.resolution()),
                        "contact", String.valueOf(t.contact()))
                .entrySet()) {
            if (field.getValue().isBlank() || field.getValue().equals("null")) {
                problems.add(where + field.getKey() + " is empty");
            }
        }
        if (t.customer() != null) {
            int n = words(t.customer());
            if (n < CUSTOMER_MIN_WORDS || n > CUSTOMER_MAX_WORDS) {
                problems.add(where + "customer mail has " + n + " words, " + CUSTOMER_MIN_WORDS + "–"
                        + CUSTOMER_MAX_WORDS + " expected");
            }
        }
        if (t.resolution() != null) {
            int n = words(t.resolution());
            if (n < RESOLUTION_MIN_WORDS || n > RESOLUTION_MAX_WORDS) {
                problems.add(where + "resolution has " + n + " words, " + RESOLUTION_MIN_WORDS + "–"
                        + RESOLUTION_MAX_WORDS + " expected");
            }
        }
    }

    static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** Validates the set (default path, or the first argument) and prints counts per topic and language. */
    public static void main(String[] args) {
        Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT;
        EvalSet set = load(file);
        Map<String, Map<String, Long>> counts = set.tickets.stream()
                .collect(Collectors.groupingBy(
                        Ticket::topic, TreeMap::new, Collectors.groupingBy(Ticket::lang, TreeMap::new, Collectors.counting())));
        System.out.println("| topic | mails | en | de | fr | es | held out |");
        System.out.println("|---|---|---|---|---|---|---|");
        counts.forEach((topic, langs) -> {
            Ticket held = set.heldOut().stream().filter(t -> t.topic().equals(topic)).findFirst().orElseThrow();
            System.out.printf("| %s | %d | %d | %d | %d | %d | %s |%n", topic,
                    langs.values().stream().mapToLong(Long::longValue).sum(), langs.getOrDefault("en", 0L),
                    langs.getOrDefault("de", 0L), langs.getOrDefault("fr", 0L), langs.getOrDefault("es", 0L), held.lang());
        });
        Map<String, Long> perLang = set.tickets.stream()
                .collect(Collectors.groupingBy(Ticket::lang, TreeMap::new, Collectors.counting()));
        var customerWords = set.tickets.stream().mapToInt(t -> words(t.customer())).summaryStatistics();
        var resolutionWords = set.tickets.stream().mapToInt(t -> words(t.resolution())).summaryStatistics();
        System.out.printf("%d tickets, %d topics, %d held out; per language %s%n", set.tickets.size(), counts.size(),
                set.heldOut().size(), perLang);
        System.out.printf("customer words min %d avg %.0f max %d; resolution words min %d avg %.0f max %d%n",
                customerWords.getMin(), customerWords.getAverage(), customerWords.getMax(), resolutionWords.getMin(),
                resolutionWords.getAverage(), resolutionWords.getMax());
    }
}
