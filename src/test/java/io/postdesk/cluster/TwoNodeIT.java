package io.postdesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.postdesk.ApiClient;
import io.postdesk.ChildPostdesk;
import io.postdesk.TestDatabase;
import io.postdesk.WebSession;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14: two Postdesk processes from the packaged jar (separate data dirs, the same secret key) on one PostgreSQL,
 * behind HAProxy from Debian with plain round-robin and no stickiness, behave as one helpdesk. HAProxy names the node
 * that answered in {@code X-Postdesk-Node}, so each test can show that both nodes took part. Runs in the
 * {@code it-postgres} execution only; skips, saying why, on H2, without {@code haproxy} or without the packaged jar.
 * The node killed in the last test is killed with SIGKILL in the middle of a mail stream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeIT {

    private static final String WEBHOOK = "/api/tickets/inbound-email";
    private static final String NODE_HEADER = "X-Postdesk-Node";
    private static final String ADMIN_EMAIL = "child-admin@postdesk.test";
    private static final String ADMIN_PASSWORD = "child-admin-password";
    private static final int STREAM_MAILS = 150;
    private static final int KILL_AFTER_ANSWERS = 50;
    private static final int SENDERS = 4;
    /** {@code MailClaims.LEASE}: a mail the dead node held is taken up by the other once this has passed. */
    private static final Duration INBOUND_LEASE = Duration.ofSeconds(30);

    private static final List<Process> processes = new ArrayList<>();
    private static TestDatabase.@Nullable Connection database;
    private static @Nullable ChildPostdesk nodeA;
    private static @Nullable ChildPostdesk nodeB;
    private static @Nullable Process haproxy;
    private static @Nullable GreenMail smtp;
    private static @Nullable Path work;
    private static int balancer;
    private static @Nullable String skipped;

    @BeforeAll
    static void startTwoNodesBehindHaproxy() throws Exception {
        Path haproxyBinary = haproxyBinary();
        Path jar = packagedJar();
        skipped = !TestDatabase.isPostgres()
                ? "TwoNodeIT runs in the it-postgres execution only: two nodes need a database server to share (H2 is"
                        + " one process's file)"
                : haproxyBinary == null
                        ? "TwoNodeIT skipped: haproxy is not installed (.ci/run installs it with apt-get install"
                                + " haproxy)"
                        : jar == null
                                ? "TwoNodeIT skipped: no packaged jar in target/ (mvn verify packages it first; or mvn"
                                        + " package -DskipTests)"
                                : null;
        if (skipped != null || haproxyBinary == null || jar == null) {
            System.err.println(skipped);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TwoNodeIT::stopEverything));

        work = Files.createTempDirectory("postdesk-two-nodes");
        database = TestDatabase.fresh();
        int smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<String> args = List.of(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--postdesk.mail.outbound.trusted-hosts=127.0.0.1 localhost",
                "--postdesk.mail.outbound.first-retry=500ms",
                "--postdesk.mail.outbound.max-retry-interval=1s",
                // The surviving node looks for mail the dead one left every second (it takes each once its lease ends).
                "--postdesk.mail.inbound.resume-interval=PT1S");
        // One after the other: the first runs the migrations and creates the bootstrap admin, the second finds them.
        nodeA = ChildPostdesk.startJar(jar, work.resolve("node-a"), "320m", args);
        nodeB = ChildPostdesk.startJar(jar, work.resolve("node-b"), "320m", args);

        balancer = freePort();
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                  maxconn 512
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 30s
                  timeout server 20s
                  timeout check 2s
                  # A connection refused by a dead node is tried again on the other one (the request was not sent).
                  retries 2
                  option redispatch
                frontend postdesk
                  bind 127.0.0.1:%d
                  default_backend nodes
                backend nodes
                  balance roundrobin
                  option httpchk GET /actuator/health/readiness
                  http-response set-header %s %%[srv_name]
                  server a 127.0.0.1:%d check inter 500ms fall 2 rise 1
                  server b 127.0.0.1:%d check inter 500ms fall 2 rise 1
                """.formatted(balancer, NODE_HEADER, nodeA.port(), nodeB.port()));
        haproxy = new ProcessBuilder(haproxyBinary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("haproxy.log").toFile())
                .start();
        processes.add(haproxy);
        awaitListening(balancer);

        var settings =
                new ApiClient(balancer, ChildPostdesk.TOKEN).put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "",
                 "password": "", "ssl": false, "fromEmail": "support@acme.test"}""".formatted(smtpPort));
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
    }

    /** Each test is reported skipped, with the reason, rather than the class vanishing from the report. */
    @BeforeEach
    void skipWhenTheSetUpCannotRun() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    static void stopEverything() {
        for (ChildPostdesk node : Stream.of(nodeA, nodeB).filter(n -> n != null).toList()) {
            node.close();
        }
        for (Process process : processes) {
            process.destroyForcibly();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (work != null) {
            try (var paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a temp dir left behind is harmless
            }
            work = null;
        }
    }

    @Test
    @Order(1)
    void anAgentWorksThroughTheDashboardWhileTheBalancerSpreadsTheRequestsOverBothNodes() {
        var servedBy = new HashMap<String, Integer>();
        var browser = new WebSession(balancer);
        count(servedBy, browser.get("/login"));
        var signedIn = browser.post("/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        count(servedBy, signedIn);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var list = browser.get("/");
            count(servedBy, list);
            assertThat(list.statusCode())
                    .as("the ticket list, signed in on either node")
                    .isEqualTo(200);
            var opened = browser.post(
                    "/tickets",
                    Map.of(
                            "subject", "Two nodes " + i,
                            "description", "Opened through the balancer",
                            "priority", "medium",
                            "contactName", "Customer " + i,
                            "contactEmail", "two-nodes-" + i + "@customers.test"));
            count(servedBy, opened);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
            long id = Long.parseLong(
                    opened.headers().firstValue("Location").orElseThrow().replaceAll(".*/tickets/(\\d+).*", "$1"));
            tickets.add(id);

            var detail = browser.get("/tickets/" + id);
            count(servedBy, detail);
            assertThat(detail.statusCode()).isEqualTo(200);
            var replied =
                    browser.post("/tickets/" + id + "/replies", Map.of("body", "We are on it, customer " + i + "."));
            count(servedBy, replied);
            assertThat(replied.statusCode()).as(replied.body()).isEqualTo(200);
            var status = browser.post("/tickets/" + id + "/status", Map.of("status", "pending"));
            count(servedBy, status);
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        }

        var admin = new ApiClient(balancer, ChildPostdesk.TOKEN);
        for (int i = 0; i < tickets.size(); i++) {
            var ticket = admin.get("/api/v1/tickets/" + tickets.get(i));
            assertThat(ticket.string("$.status")).isEqualTo("pending");
            var messages = admin.get("/api/v1/tickets/" + tickets.get(i) + "/messages");
            assertThat(messages.body()).contains("We are on it, customer " + i + ".");
        }
        System.out.printf("TwoNodeIT: dashboard requests served by %s%n", servedBy);
        assertThat(servedBy.keySet()).as("nodes that served the dashboard").containsExactlyInAnyOrder("a", "b");
        assertThat(servedBy.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));

        // The three replies went to the customers through the outbox: each exactly once, whichever node sent it.
        awaitTrue(Duration.ofSeconds(30), () -> sentTo("two-nodes-").size() >= tickets.size());
        sleep(1500); // a mail sent twice would arrive meanwhile
        Map<String, Integer> copies = sentTo("two-nodes-");
        assertThat(copies).hasSize(tickets.size());
        assertThat(copies.values()).as("copies of each Message-ID").containsOnly(1);
    }

    @Test
    @Order(2)
    void aFileUploadedThroughOneNodeIsDownloadedThroughTheOther() {
        var admin = new ApiClient(balancer, ChildPostdesk.TOKEN);
        long ticket =
                admin.post("/api/v1/tickets", "{\"subject\": \"with a file\"}").id();
        byte[] content = ("stored once, read anywhere " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        var uploaded = admin.multipart(
                "/api/v1/tickets/" + ticket + "/replies", Map.of("body", "the file"), Map.of("two-nodes.txt", content));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        long attachment = uploaded.number("$.message.attachments[0].id");
        String uploadNode = uploaded.header(NODE_HEADER);

        // Round-robin: the next request goes to the other node; ask until it did, at most a few times.
        ApiClient.Response download = null;
        for (int i = 0;
                i < 4 && (download == null || download.header(NODE_HEADER).equals(uploadNode));
                i++) {
            download = admin.get("/api/v1/attachments/" + attachment);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.bytes()).isEqualTo(content);
        }
        assertThat(download.header(NODE_HEADER)).as("node of the download").isNotEqualTo(uploadNode);
    }

    @Test
    @Order(3)
    void theSameMailPostedToBothNodesAtOnceMakesOneTicket() throws Exception {
        String messageId = "<both-nodes-" + System.nanoTime() + "@customers.test>";
        byte[] mail = mail(messageId, "both-nodes@customers.test", "Posted twice at once");
        var start = new CountDownLatch(1);
        Map<Integer, ApiClient.Response> answers = new ConcurrentHashMap<>();
        List<Thread> posts = new ArrayList<>();
        for (ChildPostdesk node : List.of(nodeA, nodeB)) {
            posts.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                answers.put(node.port(), node.admin().postRaw(WEBHOOK, "message/rfc822", mail));
            }));
        }
        start.countDown();
        for (Thread post : posts) {
            post.join();
        }

        assertThat(answers.values())
                .allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(answers.values().stream().map(a -> a.string("$.outcome")).toList())
                .containsExactlyInAnyOrder("created", "duplicate");
        assertThat(ticketsOf(Set.of(bare(messageId))).get(bare(messageId)))
                .as("tickets holding the mail")
                .hasSize(1);
    }

    @Test
    @Order(4)
    void aSettingChangedOnOneNodeIsSeenOnTheOtherWithinASecond() {
        var changed = nodeA.admin()
                .put("/api/v1/settings/sender-verification", "{\"trustedAuthservIds\": [\"mx.two-nodes.test\"]}");
        assertThat(changed.status()).isEqualTo(200);
        long committed = System.nanoTime();

        awaitTrue(
                Duration.ofSeconds(10),
                () -> nodeB.admin()
                        .get("/api/v1/settings/sender-verification")
                        .body()
                        .contains("mx.two-nodes.test"));
        Duration took = Duration.ofNanos(System.nanoTime() - committed);
        System.out.printf("TwoNodeIT: a setting changed on node a was seen on node b after %d ms%n", took.toMillis());
        assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @Order(5)
    void aNodeKilledMidStreamLosesAndDoublesNoMailAndTheOtherFinishesWhatItLeft() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        Map<String, byte[]> mails = new java.util.LinkedHashMap<>();
        for (int i = 0; i < STREAM_MAILS; i++) {
            String id = "<stream-" + run + "-" + i + "@customers.test>";
            mails.put(id, mail(id, "stream-" + i + "@customers.test", "Stream mail " + i));
        }
        List<String> ids = new ArrayList<>(mails.keySet());
        var next = new AtomicInteger();
        var answered = new AtomicInteger();
        var retries = new AtomicInteger();
        Map<String, String> servedBy = new ConcurrentHashMap<>();
        var killed = new AtomicBoolean();
        var answeredAt = new java.util.concurrent.ConcurrentLinkedQueue<Long>();
        long began = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            senders.add(Thread.ofPlatform().name("mta-" + s).start(() -> {
                var client = new ApiClient(balancer, ChildPostdesk.TOKEN);
                for (int n = next.getAndIncrement(); n < ids.size(); n = next.getAndIncrement()) {
                    String id = ids.get(n);
                    // An MTA keeps a mail until it is acknowledged: a refused connection, a 502/503/504 is retried.
                    for (int attempt = 0; ; attempt++) {
                        assertThat(attempt).as("attempts for " + id).isLessThan(200);
                        try {
                            var answer = client.postRaw(WEBHOOK, "message/rfc822", mails.get(id));
                            if (answer.status() == 200) {
                                servedBy.put(id, answer.header(NODE_HEADER));
                                answeredAt.add(System.nanoTime());
                                answered.incrementAndGet();
                                break;
                            }
                        } catch (UncheckedIOException connectionLost) {
                            // the balancer dropped the connection when the node died: deliver again
                        }
                        retries.incrementAndGet();
                        sleep(100);
                    }
                }
            }));
        }
        while (answered.get() < KILL_AFTER_ANSWERS) {
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(60));
            sleep(2);
        }
        nodeA.kill();
        killed.set(true);
        long killedAt = System.nanoTime();
        Set<String> leftByTheDead = unfinished();
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(90));
        }
        Duration streamed = Duration.ofNanos(System.nanoTime() - began);

        // Mail the dead node stored but did not finish is finished by the other once the lease has run out.
        awaitTrue(INBOUND_LEASE.plusSeconds(30), () -> unfinished().isEmpty());
        Duration finishedAfterKill = Duration.ofNanos(System.nanoTime() - killedAt);
        Set<String> bareIds = new java.util.HashSet<>();
        ids.forEach(id -> bareIds.add(bare(id)));
        Map<String, List<Long>> tickets = ticketsOf(bareIds);
        List<Long> times = answeredAt.stream().sorted().toList();
        System.out.printf(
                "TwoNodeIT: %d mails through the balancer in %d ms (%d retried deliveries), node a killed after %d"
                        + " answers; %d mails it had stored but not finished were finished %d ms after the kill;"
                        + " answers by node %s; %.0f mails/s through two nodes before the kill, %.0f mails/s through"
                        + " the one left once it stopped waiting for the dead node's leases, after a pause of %d ms"
                        + " (%d senders, the machine shared with other builds)%n",
                ids.size(),
                streamed.toMillis(),
                retries.get(),
                KILL_AFTER_ANSWERS,
                leftByTheDead.size(),
                finishedAfterKill.toMillis(),
                byNode(servedBy),
                rate(times, began + 1, killedAt),
                rate(times, afterLongestPause(times, killedAt), Long.MAX_VALUE),
                longestPause(times, killedAt) / 1_000_000,
                SENDERS);

        assertThat(killed).isTrue();
        assertThat(answered.get()).as("mails acknowledged").isEqualTo(ids.size());
        assertThat(bareIds.stream().filter(id -> !tickets.containsKey(id)).toList())
                .as("acknowledged but on no ticket")
                .isEmpty();
        assertThat(tickets.entrySet().stream()
                        .filter(e -> e.getValue().size() != 1)
                        .map(Map.Entry::getKey)
                        .toList())
                .as("stored on more than one ticket, or twice")
                .isEmpty();
        assertThat(byNode(servedBy).keySet()).as("nodes that acknowledged mail").contains("a", "b");

        // Every outbox mail of the whole run is delivered, each Message-ID exactly once, whichever node sent it.
        awaitTrue(Duration.ofSeconds(30), () -> query("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") == 0);
        sleep(1500);
        Map<String, Integer> copies = sentTo("");
        assertThat(copies.keySet()).as("Message-IDs received").isEqualTo(outboxMessageIds());
        assertThat(copies.values()).as("copies of each Message-ID").containsOnly(1);
    }

    /** Answers per second among those answered after {@code from} and no later than {@code to}. */
    private static double rate(List<Long> answeredAt, long from, long to) {
        List<Long> within =
                answeredAt.stream().filter(t -> t >= from && t <= to).toList();
        if (within.size() < 2) {
            return 0;
        }
        return (within.size() - 1) / ((within.getLast() - within.getFirst()) / 1e9);
    }

    /**
     * The longest pause between two answers after the kill: re-deliveries of mail the dead node held wait on the
     * survivor's inbound workers for its lease.
     */
    private static long longestPause(List<Long> answeredAt, long killedAt) {
        long previous = killedAt;
        long longest = 0;
        for (long t : answeredAt) {
            if (t > killedAt) {
                longest = Math.max(longest, t - previous);
                previous = t;
            }
        }
        return longest;
    }

    /** The time of the first answer after the longest pause following the kill. */
    private static long afterLongestPause(List<Long> answeredAt, long killedAt) {
        long previous = killedAt;
        long longest = -1;
        long after = killedAt;
        for (long t : answeredAt) {
            if (t > killedAt) {
                if (t - previous > longest) {
                    longest = t - previous;
                    after = t;
                }
                previous = t;
            }
        }
        return after;
    }

    private static Set<String> outboxMessageIds() {
        Set<String> ids = new java.util.HashSet<>();
        withConnection(statement -> {
            try (var rows = statement.executeQuery("SELECT internet_message_id FROM outbox")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        });
        return ids;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void count(Map<String, Integer> servedBy, HttpResponse<String> response) {
        servedBy.merge(response.headers().firstValue(NODE_HEADER).orElse("?"), 1, Integer::sum);
    }

    private static Map<String, Long> byNode(Map<String, String> servedBy) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        servedBy.values().forEach(node -> counts.merge(node, 1L, Long::sum));
        return counts;
    }

    /** Received copies per Message-ID of the mails sent to recipients starting with {@code prefix}. */
    private static Map<String, Integer> sentTo(String prefix) {
        Map<String, Integer> copies = new HashMap<>();
        try {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                if (Stream.of(mail.getAllRecipients())
                        .anyMatch(r -> r.toString().contains(prefix))) {
                    copies.merge(mail.getMessageID(), 1, Integer::sum);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return copies;
    }

    private static byte[] mail(String messageId, String from, String subject) {
        return ("From: Customer <" + from + ">\r\nTo: help@acme.test\r\nSubject: " + subject
                        + "\r\nDate: Wed, 2 Dec 2026 10:00:00 +0000\r\nMessage-ID: " + messageId
                        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello, mail "
                        + messageId + ".\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String bare(String messageId) {
        return messageId.replaceAll("^<|>$", "");
    }

    /** The Message-IDs of inbound mail stored but not finished (still {@code received}). */
    private static Set<String> unfinished() {
        Set<String> ids = new java.util.HashSet<>();
        withConnection(statement -> {
            try (var rows =
                    statement.executeQuery("SELECT internet_message_id FROM inbound_mails WHERE status = 'received'")) {
                while (rows.next()) {
                    ids.add(String.valueOf(rows.getString(1)));
                }
            }
        });
        return ids;
    }

    /** The tickets each of these Message-IDs is stored on (one entry per stored message). */
    private static Map<String, List<Long>> ticketsOf(Set<String> bareIds) {
        Map<String, List<Long>> tickets = new HashMap<>();
        withConnection(statement -> {
            try (var rows = statement.executeQuery("SELECT email_message_id, ticket_id FROM ticket_messages"
                    + " WHERE direction = 'inbound' AND email_message_id IS NOT NULL")) {
                while (rows.next()) {
                    String id = bare(rows.getString(1));
                    if (bareIds.contains(id)) {
                        tickets.computeIfAbsent(id, k -> new ArrayList<>()).add(rows.getLong(2));
                    }
                }
            }
        });
        return tickets;
    }

    private static long query(String sql) {
        long[] result = new long[1];
        withConnection(statement -> {
            try (var rows = statement.executeQuery(sql)) {
                rows.next();
                result[0] = rows.getLong(1);
            }
        });
        return result[0];
    }

    private interface SqlWork {
        void run(java.sql.Statement statement) throws SQLException;
    }

    private static void withConnection(SqlWork work) {
        try (var connection = DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = connection.createStatement()) {
            work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Path haproxyBinary() {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "haproxy"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    /** The Boot jar {@code mvn package} made (not the plain or sources jar). */
    private static @Nullable Path packagedJar() throws IOException {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("postdesk.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().matches(".*-(plain|sources|javadoc|tests)\\.jar"))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
                    .orElse(null);
        }
    }

    private static void awaitListening(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket("127.0.0.1", port)) {
                // Both nodes must pass HAProxy's first check before the tests begin.
                sleep(1500);
                return;
            } catch (IOException notYet) {
                assertThat(haproxy.isAlive()).as("haproxy is running").isTrue();
                sleep(50);
            }
        }
        throw new IllegalStateException("haproxy did not listen on " + port);
    }

    private static void awaitTrue(Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + within).isLessThan(deadline);
            sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
