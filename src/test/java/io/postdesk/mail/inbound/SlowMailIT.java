package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A dozen mails built to be slow, posted at once, must not take the server from everyone else: normal mail and API
 * reads going on meanwhile keep their latency within a few times what it was just before.
 */
@TestPropertySource(properties = "postdesk.mail.inbound.resume-interval=1h")
class SlowMailIT extends IntegrationTest {

    @Autowired
    InboundMails inbound;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void hostileMailPostedAtOnceLeavesNormalMailAndTheApiResponsive() throws Exception {
        for (int i = 0; i < 20; i++) {
            normalRound(i, new ArrayList<>());
        }
        List<Duration> baseline = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            normalRound(100 + i, baseline);
        }
        List<byte[]> hostile = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hostile.add(HostileMails.hugeEncodedWordSubject("slow" + i + "@hostile.example", 4 * 1024 * 1024));
            hostile.add(HostileMails.manyParts("parts" + i + "@hostile.example", 20_000));
            hostile.add(HostileMails.deepNesting("deep" + i + "@hostile.example", 150_000));
        }

        ExecutorService senders = Executors.newFixedThreadPool(hostile.size());
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (byte[] mail : hostile) {
            answers.add(senders.submit(() -> post(mail)));
        }
        List<Duration> during = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; answers.stream().anyMatch(a -> !a.isDone()) || i < 5; i++) {
            normalRound(1000 + i, during);
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get().statusCode());
        }
        Duration baselineMax = Collections.max(baseline);
        Duration duringMax = Collections.max(during);
        System.out.printf(
                "slow mail: baseline p50 %d ms max %d ms; during p50 %d ms max %d ms (%d requests); hostile %s%n",
                median(baseline).toMillis(),
                baselineMax.toMillis(),
                median(during).toMillis(),
                duringMax.toMillis(),
                during.size(),
                statuses);
        assertThat(duringMax).isLessThan(baselineMax.multipliedBy(10).plusSeconds(1));
        // A hostile mail is stored whatever happens: answered, or deferred (503) when its apply ran out of time on a
        // busy machine; then the resume job finishes it.
        assertThat(statuses).allMatch(status -> status == 200 || status == 503);
        for (int round = 0; round < 10 && received() > 0; round++) {
            jdbc.sql("UPDATE inbound_mails SET next_attempt_at = NULL").update();
            inbound.resumeInterrupted();
        }
        assertThat(received()).isZero();
    }

    private long received() {
        return jdbc.sql("SELECT COUNT(*) FROM inbound_mails WHERE status = 'received'")
                .query(Long.class)
                .single();
    }

    /** One normal mail through the webhook and one API read, each timed. */
    private void normalRound(int i, List<Duration> latencies) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> mail =
                post(TestMails.from("normal" + i + "@example.com").bytes());
        latencies.add(Duration.ofNanos(System.nanoTime() - start));
        assertThat(mail.statusCode()).as(mail.body()).isEqualTo(200);
        assertThat(mail.body()).contains("\"created\"");

        if (latencies.getLast().toMillis() > 1000) {
            System.out.printf(
                    "slow mail: normal mail %d took %d ms at %s%n",
                    i, latencies.getLast().toMillis(), java.time.Instant.now());
        }
        start = System.nanoTime();
        var read = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets?size=5"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        latencies.add(Duration.ofNanos(System.nanoTime() - start));
        if (latencies.getLast().toMillis() > 1000) {
            System.out.printf(
                    "slow mail: API read %d took %d ms at %s%n",
                    i, latencies.getLast().toMillis(), java.time.Instant.now());
        }
        assertThat(read.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(byte[] mail) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets/inbound-email"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "message/rfc822")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mail))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Duration median(List<Duration> latencies) {
        List<Duration> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
