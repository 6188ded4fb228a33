package io.postdesk.mail.inbound.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Replays a few thousand mutants of real mails through the webhook: no answer is a server error, none takes more than
 * two seconds, none is left {@code received}. The mutants come from the golden corpus, plus ../shared/corpus when
 * present; {@code -Dpostdesk.fuzz.seed=} and {@code -Dpostdesk.fuzz.count=} choose others, and every failure names
 * the seed and index that reproduce it.
 */
@TestPropertySource(properties = "postdesk.mail.inbound.resume-interval=1h")
class InboundFuzzIT extends IntegrationTest {

    static final long SEED = Long.getLong("postdesk.fuzz.seed", 20_261_201L);
    // 2,000 per database in the normal run; raise it (and change the seed) for a long fuzzing session.
    static final int COUNT = Integer.getInteger("postdesk.fuzz.count", 2_000);
    static final Duration EACH_WITHIN = Duration.ofSeconds(2);
    private static final Path GOLDEN = Path.of("src", "test", "resources", "mail");
    private static final Path SHARED = Path.of(System.getProperty("postdesk.fuzz.corpus", "../shared/corpus"));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void mutatedMailsNeverGetAServerErrorNorTakeLongNorStayReceived() throws Exception {
        List<String> names = new ArrayList<>();
        List<byte[]> mails = new ArrayList<>();
        load(GOLDEN, names, mails);
        if (Files.isDirectory(SHARED)) {
            load(SHARED, names, mails);
        }
        assertThat(mails).as("the golden corpus").isNotEmpty();
        for (int i = 0; i < Math.min(20, mails.size()); i++) {
            post(mails.get(i)); // the JIT's first compilations are not what a mail costs
        }
        MailMutator mutator = new MailMutator(SEED, names, mails);

        List<String> failures = new ArrayList<>();
        List<String> received = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            if (i % 100 == 99) {
                settle(received);
            }
            MailMutator.Mutant mutant = mutator.mutant(i);
            long start = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = post(mutant.bytes());
            } catch (IOException e) {
                failures.add(mutant.describe(SEED) + ": no answer: " + e);
                continue;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (answer.statusCode() >= 500) {
                failures.add(mutant.describe(SEED) + ": " + answer.statusCode() + " " + answer.body());
            } else if (took.compareTo(EACH_WITHIN) > 0) {
                failures.add(mutant.describe(SEED) + ": took " + took.toMillis() + " ms");
            }
        }

        settle(received);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(received).as("left 'received' (seed " + SEED + ")").isEmpty();
    }

    /**
     * Notes the mails left 'received', then forgets the finished ones: the in-memory H2 holds every raw mail in the
     * test's heap, and thousands of mutants would not fit.
     */
    private void settle(List<String> received) {
        received.addAll(jdbc.sql("SELECT internet_message_id FROM inbound_mails WHERE status = 'received'")
                .query(String.class)
                .list());
        jdbc.sql("DELETE FROM inbound_mails").update();
    }

    private HttpResponse<String> post(byte[] mail) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets/inbound-email"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mail))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void load(Path root, List<String> names, List<byte[]> mails) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                names.add(root.relativize(file).toString());
                mails.add(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
