package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ChildPostdesk;
import io.postdesk.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postdesk in a child JVM with a 256 MB heap, fired at with rounds of parallel ~20 MB webhook posts (raw MIME and
 * SendGrid multipart): every post is answered 200, 413 or 503 (never 500, never left hanging), the server stays
 * healthy, and every mail answered 200 is there afterwards.
 */
class WebhookMemoryIT {

    private static final int PARALLEL = 8;
    private static final int ROUNDS = 3;
    private static final Set<Integer> ANSWERS = Set.of(200, 413, 503);
    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\"\\s*:\\s*(\\d+)");

    /** What one post was: its Message-ID and how it was answered. */
    private record Post(String messageId, int status, String body) {}

    @Test
    void parallelTwentyMegabyteMailsAtA256MegabyteHeapAreAnsweredAndNoneAcknowledgedIsLost(@TempDir Path dataDir)
            throws Exception {
        byte[] bigBody = bigMimeBody(new Random(11));
        try (var app = ChildPostdesk.start(dataDir, "256m", arguments())) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            List<Post> posts = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int round = 0; round < ROUNDS; round++) {
                    List<Future<Post>> inFlight = new ArrayList<>();
                    for (int i = 0; i < PARALLEL; i++) {
                        String messageId = "<memory-" + round + "-" + i + "@example.com>";
                        boolean multipart = i % 2 == 1;
                        Callable<Post> post = () -> send(http, app.port(), messageId, bigBody, multipart);
                        inFlight.add(pool.submit(post));
                    }
                    for (var future : inFlight) {
                        posts.add(future.get(3, TimeUnit.MINUTES));
                    }
                }
            }

            assertThat(posts)
                    .as("every post answered 200, 413 or 503; server log: %s", app.log())
                    .allSatisfy(post -> assertThat(ANSWERS).contains(post.status()));
            List<Post> taken = posts.stream().filter(p -> p.status() == 200).toList();
            System.out.printf(
                    "WebhookMemoryIT (%s): %d posts, answers %s%n",
                    TestDatabase.isPostgres() ? "postgres" : "h2",
                    posts.size(),
                    posts.stream()
                            .collect(java.util.stream.Collectors.groupingBy(
                                    Post::status, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
            assertThat(taken).as("some mail got through").isNotEmpty();
            var admin = app.admin();
            assertThat(admin.get("/actuator/health").string("$.status")).isEqualTo("UP");
            assertThat(admin.get("/api/v1/tickets").status()).isEqualTo(200);
            String log = admin.get("/api/v1/inbound/messages?limit=500").body();
            for (Post post : taken) {
                assertThat(log).as("the log holds %s", post.messageId()).contains(post.messageId());
                Matcher ticket = TICKET_ID.matcher(post.body());
                if (ticket.find()) {
                    assertThat(admin.get("/api/v1/tickets/" + ticket.group(1)).status())
                            .isEqualTo(200);
                }
            }
        }
    }

    /** The child's database on the PostgreSQL run (on H2 it uses the shipped default under its data dir). */
    private static List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(
                "--postdesk.mail.outbound.worker-enabled=false",
                "--postdesk.mail.inbound.mailbox-poll-interval=1h",
                "--postdesk.mail.inbound.mailbox-idle=false",
                "--logging.level.io.postdesk=INFO"));
        if (TestDatabase.isPostgres()) {
            var db = TestDatabase.fresh();
            args.add("--spring.datasource.url=" + db.url());
            args.add("--spring.datasource.username=" + db.username());
            args.add("--spring.datasource.password=" + db.password());
        }
        return args;
    }

    private static Post send(HttpClient http, int port, String messageId, byte[] bigBody, boolean multipart)
            throws InterruptedException {
        byte[] head = ("From: Load Test <load@example.com>\r\nTo: support@acme.test\r\nSubject: Big mail " + messageId
                        + "\r\nMessage-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tickets/inbound-email"))
                .timeout(Duration.ofSeconds(90));
        if (multipart) {
            String boundary = "----memory" + messageId.hashCode();
            byte[] before = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n"
                            + "support@acme.test\r\n--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofByteArray(before),
                            HttpRequest.BodyPublishers.ofByteArray(head),
                            HttpRequest.BodyPublishers.ofByteArray(bigBody),
                            HttpRequest.BodyPublishers.ofByteArray(after)));
        } else {
            request.header("Content-Type", "message/rfc822")
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofByteArray(head),
                            HttpRequest.BodyPublishers.ofByteArray(bigBody)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Post(messageId, response.statusCode(), response.body());
        } catch (IOException e) {
            // A reset connection or a timeout is as bad as a 500: the sender learns nothing.
            return new Post(messageId, -1, e.toString());
        }
    }

    /** A text part and three 5 MB attachments of random bytes, base64: about 20 MB of MIME. */
    private static byte[] bigMimeBody(Random random) {
        var out = new ByteArrayOutputStream(21 * 1024 * 1024);
        out.writeBytes(("Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n--big\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\nThe logs you asked for.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 3; i++) {
            byte[] file = new byte[5 * 1024 * 1024];
            random.nextBytes(file);
            out.writeBytes(("--big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                            + "Content-Disposition: attachment; filename=\"log-" + i + ".bin\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(Base64.getMimeEncoder().encode(file));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("--big--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
