package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.abort;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-repo golden corpus ({@code src/test/resources/mail/corpus}): each {@code <name>.eml} has a
 * {@code <name>.expected.yaml} with what Postdesk must make of it (its keys: {@link GoldenMail}), and this suite checks
 * every one through {@code POST /api/v1/inbound/explain} and, for the files marked {@code webhook: true}, through the
 * real webhook (where the ticket, its contact, files and status are checked too). <b>Every mail bug fixed adds a corpus
 * file</b>: the mail that showed the bug (anonymised) and the result it must get, so the bug cannot come back.
 *
 * <p>Before each file a ticket is seeded ({@link GoldenMail#seedTicket}: Carla's "Printer on fire"), the support
 * address is {@code help@acme.test} and {@code *@bulk-offers.test} is on the spam list. A file whose result depends on
 * work not merged yet says {@code pending: <branch>} and is skipped with that reason.
 */
class GoldenCorpusIT extends IntegrationTest {

    private GoldenMail.SeededTicket ticket;

    static List<String> mails() {
        return GoldenMail.files();
    }

    @BeforeEach
    void seedTheTicketTheFilesReferTo() {
        ticket = GoldenMail.seedTicket(admin(), anonymous(), jdbc);
    }

    /**
     * One format: nothing in the folder but mails and their expectations (and the sender-verdict set below it). The
     * source folder is read when there is one: a file deleted there lives on in target/test-classes until a clean.
     */
    @Test
    void everyMailHasItsExpectationAndEveryExpectationItsMail() throws IOException {
        Path source = Path.of("src", "test", "resources", "mail", "corpus");
        try (Stream<Path> files = Files.list(Files.isDirectory(source) ? source : GoldenMail.folder())) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            for (String name : names) {
                assertThat(name).as("a file of the golden corpus").matches(".+\\.(eml|expected\\.yaml)");
                if (name.endsWith(".eml")) {
                    assertThat(names).as(name).contains(GoldenMail.stem(name) + ".expected.yaml");
                }
                if (name.endsWith(".expected.yaml")) {
                    assertThat(names).as(name).contains(name.replace(".expected.yaml", ".eml"));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mails")
    void mailGetsItsExpectedResult(String file) {
        GoldenMail mail = GoldenMail.of(file);
        Map<String, String> expected = mail.expected();
        if (mail.pending().isPresent()) {
            abort("pending: " + mail.pending().get() + " — the expectation holds once that branch is merged;"
                    + " remove the pending line then");
        }
        byte[] raw = mail.raw(ticket);

        var explained = admin().postRaw("/api/v1/inbound/explain", "message/rfc822", raw);

        assertThat(explained.status()).as(explained.body()).isEqualTo(200);
        assertThat((String) explained.json("$.outcome")).as(explained.body()).isEqualTo(mail.outcome());
        checkIfGiven(expected, "reason", explained.json("$.reason"), explained);
        checkIfGiven(expected, "matchedBy", explained.json("$.matchedBy"), explained);
        Object forward = explained.json("$.forwardedFrom");
        assertThat(
                        forward == null
                                ? "none"
                                : GoldenMail.sender(
                                        explained.json("$.forwardedFrom.name"),
                                        explained.json("$.forwardedFrom.email")))
                .as("forwardedFrom (none unless given) in " + explained.body())
                .isEqualTo(mail.forwardedFrom());
        if (mail.isStaffForward()) {
            List<String> unwrap = explained.json("$.steps[?(@.step == 'unwrap_staff_forward')].detail");
            assertThat(unwrap)
                    .as("the staff member forwarded it, in " + explained.body())
                    .singleElement(STRING)
                    .startsWith("forwarded by " + ADMIN_EMAIL + ";");
        }
        checkIfGiven(expected, "visibleText", explained.json("$.visibleText"), explained);
        if ("true".equals(expected.get("webhook"))) {
            checkWebhook(raw, expected);
        }
    }

    private void checkWebhook(byte[] raw, Map<String, String> expected) {
        var delivered = anonymous().postRaw("/api/tickets/inbound-email", "message/rfc822", raw);

        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        assertThat((String) delivered.json("$.outcome")).as(delivered.body()).isEqualTo(expected.get("outcome"));
        checkIfGiven(expected, "reason", delivered.json("$.reason"), delivered);
        Number ticketId = delivered.json("$.ticketId");
        switch (expected.getOrDefault("ticket", "")) {
            case "seeded" ->
                assertThat(ticketId).as(delivered.body()).isNotNull().hasToString(Long.toString(ticket.id()));
            case "new" ->
                assertThat(ticketId).as(delivered.body()).isNotNull().doesNotHaveToString(Long.toString(ticket.id()));
            case "none" -> assertThat(ticketId).as(delivered.body()).isNull();
            default -> {}
        }
        if (ticketId == null) {
            return;
        }
        var details = admin().get("/api/v1/tickets/" + ticketId);
        Map<String, Object> message = message(ticketId.longValue(), delivered.json("$.messageId"));
        if (expected.containsKey("contact")) {
            Object contact = "created".equals(expected.get("outcome"))
                    ? details.json("$.contact.email")
                    : message.get("authorEmail");
            assertThat(contact).as("contact").isEqualTo(expected.get("contact"));
        }
        if (expected.containsKey("attachments")) {
            assertThat((List<?>) message.get("attachments"))
                    .as("attachments")
                    .hasSize(Integer.parseInt(expected.get("attachments")));
        }
        checkIfGiven(expected, "storedText", message.get("visibleText"), delivered);
        checkIfGiven(expected, "ticketStatus", details.json("$.status"), details);
        if (expected.containsKey("tags")) {
            List<String> tags = details.json("$.tags");
            assertThat(String.join(",", tags)).as("tags").isEqualTo(expected.get("tags"));
        }
    }

    private Map<String, Object> message(long ticketId, Number messageId) {
        List<Map<String, Object>> messages =
                admin().get("/api/v1/tickets/" + ticketId + "/messages").json("$");
        return messages.stream()
                .filter(m -> messageId != null && ((Number) m.get("id")).longValue() == messageId.longValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("message " + messageId + " not in ticket " + ticketId));
    }

    private static void checkIfGiven(
            Map<String, String> expected, String key, @Nullable Object actual, ApiClient.Response context) {
        if (!expected.containsKey(key)) {
            return;
        }
        String wanted = expected.get(key);
        assertThat(actual == null ? "none" : actual.toString())
                .as(key + " in " + context.body())
                .isEqualTo(wanted);
    }
}
