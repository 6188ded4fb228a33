package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accuracy figures of docs/accuracy.md measured the way a user sees them: every corpus mail is posted to
 * {@code POST /api/v1/inbound/explain} as an admin and the answer's outcome, reason, forwarded sender and visible text
 * are compared with the labels. Prints the figures per set and per cause; skips when ../shared/corpus is absent.
 */
class ExplainAccuracyIT extends IntegrationTest {

    private static final Path CORPUS = CorpusAccuracyTests.CORPUS;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXPLAIN = "/api/v1/inbound/explain";

    @Test
    void automaticMailIsIgnoredThroughExplain() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "corpus absent: " + CORPUS);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        Map<String, Integer> causes = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (String set : List.of("sisimai-set-of-emails", "stalwart-mail-parser", "nodemailer-mailparser")) {
            List<String> lines = Files.readAllLines(CORPUS.resolve(set).resolve("labels.tsv"));
            int setRight = 0;
            int setTotal = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.split("\t");
                Path file = CORPUS.resolve(set).resolve(columns[0]);
                if (!Files.exists(file)) {
                    continue;
                }
                byte[] raw = Files.readAllBytes(file);
                Verdict verdict = explain(raw);
                boolean expected = columns[1].equals("auto");
                boolean predicted = verdict.isAutomatic();
                causes.merge(verdict.cause(), 1, Integer::sum);
                setTotal++;
                if (expected == predicted) {
                    setRight++;
                }
                if (expected && predicted) {
                    tp++;
                } else if (!expected && predicted) {
                    fp++;
                    misses.add("false positive " + set + "/" + columns[0] + " (" + verdict.cause() + ")");
                } else if (expected) {
                    fn++;
                    misses.add("missed " + set + "/" + columns[0] + " (" + verdict.outcome() + ")");
                } else {
                    tn++;
                }
            }
            System.out.printf(Locale.ROOT, "explain automatic, %s: %d/%d as labelled%n", set, setRight, setTotal);
        }
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        System.out.printf(
                Locale.ROOT,
                "explain automatic: precision %.4f recall %.4f (auto %d, human %d)%n",
                precision,
                recall,
                tp + fn,
                tn + fp);
        causes.forEach((cause, n) -> System.out.printf(Locale.ROOT, "  cause %-60s %d%n", cause, n));
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(precision).isGreaterThanOrEqualTo(0.99);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void forwardedSenderIsFoundThroughExplain() throws IOException {
        Path set = CORPUS.resolve("crisp-email-forward-parser");
        assumeTrue(Files.isDirectory(set), "corpus absent: " + set);
        int right = 0;
        int rightNames = 0;
        int total = 0;
        List<String> misses = new ArrayList<>();
        List<String> quoteTextNames = new ArrayList<>();
        for (String line : Files.readAllLines(set.resolve("expectations.jsonl"))) {
            Map<?, ?> expectation = JSON.readValue(line, Map.class);
            boolean forwarded = Boolean.TRUE.equals(expectation.get("forwarded"));
            String subject = expectation.get("subject_file") != null
                    ? Files.readString(
                                    set.resolve(expectation.get("subject_file").toString()))
                            .strip()
                    : (forwarded ? "Fwd: " : "Re: ") + expectation.get("subject");
            String body = Files.readString(set.resolve(expectation.get("file").toString()), StandardCharsets.UTF_8);
            var response = admin().postRaw(EXPLAIN, "message/rfc822", mail(ADMIN_EMAIL, subject, body));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            String email = forwardedEmail(response);
            String name = forwardedName(response);
            String expectedEmail = forwarded && expectation.get("from") instanceof Map<?, ?> from
                    ? String.valueOf(from.get("address")).toLowerCase(Locale.ROOT)
                    : null;
            String expectedName =
                    forwarded && expectation.get("from") instanceof Map<?, ?> from ? (String) from.get("name") : null;
            total++;
            if (Objects.equals(expectedEmail, email)) {
                right++;
            } else {
                misses.add(
                        expectation.get("file") + " [" + subject + "]: expected " + expectedEmail + ", found " + email);
            }
            if (Objects.equals(expectedName, name)) {
                rightNames++;
            }
            if (!forwarded && expectation.get("subject_file") == null) {
                // The same reply sent on with "Fwd:": read as a forward of the quoted person, named by their name.
                var again = admin().postRaw(EXPLAIN, "message/rfc822", mail(ADMIN_EMAIL, "Fwd: " + subject, body));
                String againName = forwardedName(again);
                if (againName != null && isQuoteText(againName)) {
                    quoteTextNames.add(expectation.get("file") + ": " + againName);
                }
            }
        }
        double accuracy = right / (double) total;
        System.out.printf(
                Locale.ROOT,
                "explain forwards: sender %.4f (%d/%d), name %.4f (%d/%d)%n",
                accuracy,
                right,
                total,
                rightNames / (double) total,
                rightNames,
                total);
        misses.forEach(m -> System.out.println("  " + m));
        quoteTextNames.forEach(m -> System.out.println("  quote text as name: " + m));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.98);
        assertThat(quoteTextNames).isEmpty();
    }

    @Test
    void visibleReplyTextThroughExplain() throws IOException {
        Path set = CORPUS.resolve("crisp-email-reply-parser");
        assumeTrue(Files.isDirectory(set), "corpus absent: " + set);
        int right = 0;
        int total = 0;
        List<String> misses = new ArrayList<>();
        for (String line : Files.readAllLines(set.resolve("expectations.jsonl"))) {
            Map<?, ?> expectation = JSON.readValue(line, Map.class);
            if (!expectation.get("check").toString().endsWith("_equals")) {
                continue;
            }
            total++;
            String body = Files.readString(set.resolve(expectation.get("file").toString()), StandardCharsets.UTF_8);
            var response =
                    admin().postRaw(EXPLAIN, "message/rfc822", mail("customer@example.org", "Re: Question", body));
            String visible = response.json("$.visibleText");
            if (visible != null
                    && CorpusAccuracyTests.normalise(visible)
                            .equals(CorpusAccuracyTests.normalise(
                                    expectation.get("expected").toString()))) {
                right++;
            } else {
                misses.add(expectation.get("file").toString());
            }
        }
        double accuracy = right / (double) total;
        System.out.printf(Locale.ROOT, "explain visible reply: exact %.4f (%d/%d)%n", accuracy, right, total);
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.97);
    }

    /**
     * Our golden mails (src/test/resources/mail/corpus, no ../shared needed; {@link GoldenMail}), posted with the
     * ticket they refer to seeded: each is automatic or not as its expected outcome says (sender-less ones counted as
     * {@link Verdict} says, pending or not), and, unless pending, shows its {@code visibleText} and names its
     * {@code forwardedFrom}.
     */
    @Test
    void ownGoldenMailsThroughExplain() {
        GoldenMail.SeededTicket ticket = GoldenMail.seedTicket(admin(), anonymous(), jdbc);
        List<GoldenMail> mails = GoldenMail.all();
        List<String> misses = new ArrayList<>();
        for (GoldenMail mail : mails) {
            byte[] raw = mail.raw(ticket);
            var response = admin().postRaw(EXPLAIN, "message/rfc822", raw);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            Verdict verdict = Verdict.of(response, raw);
            if (mail.automatic().isPresent()
                    && verdict.isAutomatic() != mail.automatic().get()) {
                misses.add(mail + " expected " + (mail.automatic().get() ? "automatic" : "human") + ", explain: "
                        + verdict.outcome() + " " + verdict.cause());
            }
            if (mail.pending().isPresent()) {
                continue;
            }
            if (mail.visibleText().isPresent()) {
                String want = CorpusAccuracyTests.normalise(mail.visibleText().get());
                String got = response.json("$.visibleText");
                if (got == null || !CorpusAccuracyTests.normalise(got).equals(want)) {
                    misses.add(mail + ": visible [" + got + "], expected [" + want + "]");
                }
            }
            String forwarded = GoldenMail.sender(forwardedName(response), forwardedEmail(response));
            if (!forwarded.equals(mail.forwardedFrom())) {
                misses.add(mail + ": forwarded from [" + forwarded + "], expected [" + mail.forwardedFrom() + "]");
            }
        }
        System.out.printf(Locale.ROOT, "explain own golden mails: %d misses of %d%n", misses.size(), mails.size());
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(misses).isEmpty();
    }

    private Verdict explain(byte[] raw) {
        var response = admin().postRaw(EXPLAIN, "message/rfc822", raw);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Verdict.of(response, raw);
    }

    /**
     * What explain said about a mail. Automatic means explain itself said so: ignored as auto-generated, or as a
     * bounce of a mail Postdesk sent. A sender-less mail (a bounce from {@code <>}) is judged by the same rules first.
     */
    private record Verdict(
            String outcome,
            @Nullable String reason,
            @Nullable String detail) {

        static Verdict of(ApiClient.Response response, byte[] raw) {
            String outcome = response.json("$.outcome");
            String reason = response.json("$.reason");
            List<String> details = response.json("$.steps[?(@.step == 'drop_auto_generated')].detail");
            return new Verdict(outcome, reason, details.isEmpty() ? null : details.getFirst());
        }

        boolean isAutomatic() {
            return "ignored".equals(outcome) && ("auto_generated".equals(reason) || "bounce".equals(reason));
        }

        /** The signal that decided, without the mail's own words: "Auto-Submitted", "subject", "machine sender"… */
        String cause() {
            if (!"auto_generated".equals(reason) || detail == null) {
                return outcome + (reason == null ? "" : " " + reason);
            }
            String cause = detail.replaceAll("[\"(:].*$", "").strip();
            return cause.replaceAll("\\S+@\\S+", "").strip();
        }
    }

    private static @Nullable String forwardedEmail(ApiClient.Response response) {
        return response.json("$.forwardedFrom") == null ? null : response.json("$.forwardedFrom.email");
    }

    private static @Nullable String forwardedName(ApiClient.Response response) {
        return response.json("$.forwardedFrom") == null ? null : response.json("$.forwardedFrom.name");
    }

    /** A name made of the quote header's words: quote marks, a date or a time, the header's colon. */
    private static boolean isQuoteText(String name) {
        return name.contains(">") || name.contains(":") || name.chars().anyMatch(Character::isDigit);
    }

    /** A plain-text mail as a client would send it: UTF-8 body, the subject as an RFC 2047 word. */
    private static byte[] mail(String from, String subject, String body) {
        String encodedSubject =
                "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=";
        String mail = "From: " + from + "\r\nTo: help@acme.test\r\nSubject: " + encodedSubject
                + "\r\nMessage-ID: <" + java.util.UUID.randomUUID() + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body.replace("\r\n", "\n").replace("\n", "\r\n");
        return mail.getBytes(StandardCharsets.UTF_8);
    }
}
