package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One mail of the in-repo golden corpus ({@code src/test/resources/mail/corpus}): a {@code <name>.eml} and the one
 * {@code <name>.expected.yaml} holding everything expected of it. {@link GoldenCorpusIT} checks it through explain and
 * the webhook, {@link ExplainAccuracyIT} counts it in the accuracy figures, {@link CorpusAccuracyTests} checks the
 * classifiers on it directly.
 *
 * <p>The expectation is flat YAML (the keys of {@link #KEYS}):
 *
 * <ul>
 *   <li>{@code outcome}, {@code reason} and {@code matchedBy} as explain says them ({@code none} for null);
 *   <li>{@code visibleText}, multi-line as a block scalar ({@code |-});
 *   <li>{@code forwardedFrom}: the original sender explain names, {@code Name <email>} (or a bare email when the
 *       forward names nobody); {@code none} when absent. A forward is a staff act, so it goes with
 *       {@code forwardedBy: staff}: the mail is sent by the staff member ({@code From: Admin <{{staff.email}}>}) and
 *       explain must name them as the one who forwarded it;
 *   <li>with {@code webhook: true}, what the real webhook must do: {@code ticket} ({@code seeded}, {@code new} or
 *       {@code none}), {@code contact}, {@code attachments}, {@code storedText}, {@code ticketStatus}, {@code tags};
 *   <li>{@code pending: <branch>}: the result depends on work not merged yet; the mail is skipped through the app.
 * </ul>
 *
 * Whether a mail is automatic is not a key of its own: it follows from the outcome ({@link #automatic()}).
 *
 * <p>The files refer to the ticket {@link #seedTicket} opens through placeholders: {@code {{ticket.routing}}} (its
 * tokened routing address), {@code {{ticket.id}}}, {@code {{ticket.messageId}}}, and to the staff member with
 * {@code {{staff.email}}}.
 */
record GoldenMail(String file, Map<String, String> expected) {

    static final Set<String> KEYS = Set.of(
            "outcome",
            "reason",
            "matchedBy",
            "forwardedFrom",
            "forwardedBy",
            "visibleText",
            "webhook",
            "ticket",
            "contact",
            "attachments",
            "storedText",
            "ticketStatus",
            "tags",
            "pending");

    static final String THREAD_MESSAGE_ID = "<golden-thread@customer.test>";

    /** What the placeholders stand for when no app runs: the classifiers do not care which ticket is meant. */
    static final SeededTicket PARSE_ONLY = new SeededTicket(1, "parse-only");

    /** The ticket the files refer to, with its routing token. */
    record SeededTicket(long id, String routingToken) {}

    static Path folder() {
        try {
            return Path.of(Objects.requireNonNull(GoldenMail.class.getResource("/mail/corpus"))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code .eml} file names, sorted. */
    static List<String> files() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".eml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<GoldenMail> all() {
        return files().stream().map(GoldenMail::of).toList();
    }

    /** The mail {@code <name>.eml} with its expectation, whose keys and values are checked here for every test. */
    static GoldenMail of(String file) {
        Path path = folder().resolve(stem(file) + ".expected.yaml");
        Map<String, Object> loaded;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        loaded.forEach((key, value) -> expected.put(key, String.valueOf(value)));
        assertThat(KEYS).as("keys of " + path.getFileName()).containsAll(expected.keySet());
        assertThat(expected).as(path.getFileName().toString()).containsKey("outcome");
        boolean forward = !"none".equals(expected.getOrDefault("forwardedFrom", "none"));
        assertThat(expected.get("forwardedBy"))
                .as("forwardedBy in " + path.getFileName() + " (staff exactly when forwardedFrom names someone)")
                .isEqualTo(forward ? "staff" : null);
        return new GoldenMail(file, expected);
    }

    static String stem(String file) {
        return file.substring(0, file.length() - ".eml".length());
    }

    /** Opens the ticket the files refer to, with the support address and spam list they assume. */
    static SeededTicket seedTicket(ApiClient admin, ApiClient anonymous, JdbcClient jdbc) {
        admin.put(
                "/api/v1/settings/email",
                "{\"supportAddress\": \"help@acme.test\", \"host\": \"127.0.0.1\", \"port\": 2525,"
                        + " \"fromEmail\": \"help@acme.test\"}");
        assertThat(admin.post("/api/v1/spam-list", "{\"entry\": \"*@bulk-offers.test\"}")
                        .status())
                .isEqualTo(201);
        var created = anonymous.postRaw(
                "/api/tickets/inbound-email",
                "message/rfc822",
                TestMails.from("Carla Diaz <carla@customer.test>")
                        .header("Message-ID", THREAD_MESSAGE_ID)
                        .bytes());
        long ticket = created.number("$.ticketId");
        String token = jdbc.sql("SELECT routing_token FROM tickets WHERE id = ?")
                .param(ticket)
                .query(String.class)
                .single();
        return new SeededTicket(ticket, token);
    }

    /** The file's bytes with the placeholders filled in; ISO-8859-1 round-trips every byte unchanged. */
    byte[] raw(SeededTicket ticket) {
        String text;
        try {
            text = Files.readString(folder().resolve(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.replace("{{ticket.routing}}", "ticket+" + ticket.id() + "-" + ticket.routingToken() + "@acme.test")
                .replace("{{ticket.id}}", Long.toString(ticket.id()))
                .replace("{{ticket.messageId}}", THREAD_MESSAGE_ID)
                .replace("{{staff.email}}", IntegrationTest.ADMIN_EMAIL)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(expected.get(key));
    }

    String outcome() {
        return expected.get("outcome");
    }

    Optional<String> pending() {
        return get("pending");
    }

    Optional<String> visibleText() {
        return get("visibleText");
    }

    /** The original sender as {@link #sender} writes it, {@code none} for a mail that is no staff forward. */
    String forwardedFrom() {
        return expected.getOrDefault("forwardedFrom", "none");
    }

    boolean isStaffForward() {
        return "staff".equals(expected.get("forwardedBy"));
    }

    /**
     * The auto/human label, derived from the outcome: {@code ignored auto_generated} is automatic, a mail that
     * became a ticket or a message passed the automatic-mail rules; any other outcome (a rejection, a duplicate) is
     * decided before those rules and says nothing about them.
     */
    Optional<Boolean> automatic() {
        if ("ignored".equals(outcome()) && "auto_generated".equals(expected.get("reason"))) {
            return Optional.of(true);
        }
        if ("created".equals(outcome()) || "appended".equals(outcome())) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** A sender as {@code forwardedFrom} writes it: {@code Name <email>}, a bare email without a name, or none. */
    static String sender(@Nullable String name, @Nullable String email) {
        if (email == null) {
            return "none";
        }
        return name == null || name.isBlank() ? email : name + " <" + email + ">";
    }

    @Override
    public String toString() {
        return file;
    }
}
