package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient;
import io.postdesk.ChildPostdesk;
import io.postdesk.TestDatabase;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: Postdesk is killed with SIGKILL in the middle of a stream of mails from several senders (new tickets and
 * replies threaded by In-Reply-To), started again on the same data, and every mail that was not answered is sent again,
 * the way an MTA would; a sample of answered mails is sent again too. Then every mail that was ever answered 200 is
 * checked against the database: none lost, none stored twice, every reply on its original's ticket, no ticket id told
 * to one customer given to another. On the H2 run the child uses the embedded default database exactly as shipped.
 */
class InboundKillIT {

    private static final int MAILS = 1000;
    private static final int KILL_AFTER_ANSWERS = 400;
    private static final int SENDERS = 4;
    private static final int RESENT_ANSWERED = 100;
    private static final String WEBHOOK = "/api/tickets/inbound-email";

    @TempDir
    Path dataDir;

    @Test
    void losesDuplicatesAndMisthreadsNoMailWhenKilledMidStream() throws Exception {
        var database = TestDatabase.isPostgres() ? TestDatabase.fresh() : null;
        List<String> args = database == null
                ? List.of()
                : List.of(
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password());
        var stream = new MailStream(SENDERS, MAILS);

        long firstSent = System.nanoTime();
        Duration firstStart;
        try (var first = ChildPostdesk.start(dataDir, "384m", args)) {
            firstStart = first.startedIn();
            firstSent = System.nanoTime();
            stream.send(first, () -> stream.answered() >= KILL_AFTER_ANSWERS, first::kill);
        }
        Duration untilKill = Duration.ofNanos(System.nanoTime() - firstSent);
        int answeredBeforeKill = stream.answered();
        int unansweredAtKill = stream.unanswered().size();

        Duration secondStart;
        try (var second = ChildPostdesk.start(dataDir, "384m", args)) {
            secondStart = second.startedIn();
            stream.resendUnanswered(second);
            stream.send(second, () -> false, () -> {});
            stream.resendSample(second, RESENT_ANSWERED);
            second.stop();
        }

        var stored = database == null
                ? Stored.read(ChildPostdesk.embeddedDatabaseUrl(dataDir), "sa", "")
                : Stored.read(database.url(), database.username(), database.password());
        var audit = new Audit(stream.mails(), stored);
        System.out.printf(
                "InboundKillIT (%s): started in %d ms, killed after %d ms of sending, restarted in %d ms; %d mails, %d"
                        + " answered before the kill, %d not answered at the kill and re-sent, %d answered mails re-sent;"
                        + " %s%n",
                TestDatabase.isPostgres() ? "postgres" : "h2",
                firstStart.toMillis(),
                untilKill.toMillis(),
                secondStart.toMillis(),
                stream.mails().size(),
                answeredBeforeKill,
                unansweredAtKill,
                RESENT_ANSWERED,
                audit.summary());

        assertThat(answeredBeforeKill).isGreaterThanOrEqualTo(KILL_AFTER_ANSWERS);
        assertThat(stream.mails()).hasSize(MAILS);
        assertThat(audit.neverAnswered).as("mails never answered 200").isEmpty();
        assertThat(audit.lost).as("answered 200 but not stored").isEmpty();
        assertThat(audit.duplicated).as("stored twice").isEmpty();
        assertThat(audit.misthreaded)
                .as("not on the ticket told or on their original's ticket")
                .isEmpty();
        assertThat(audit.reusedTicketIds)
                .as("ticket ids told for two different new mails")
                .isEmpty();
        assertThat(audit.foreignTickets)
                .as("ticket told to a customer belongs to another")
                .isEmpty();
        assertThat(audit.duplicateWithoutTicket)
                .as("re-deliveries answered duplicate without their ticket")
                .isEmpty();
        assertThat(audit.unexpectedOutcome)
                .as("answered neither created, appended nor duplicate")
                .isEmpty();
    }

    /** One mail of the stream: its bytes never change, whoever sends it and however often. */
    static final class Mail {
        final String messageId;
        final String customer;
        final @Nullable Mail parent;
        final byte[] raw;
        final List<Answer> answers = new CopyOnWriteArrayList<>();

        Mail(String messageId, String customer, @Nullable Mail parent, String subject) {
            this.messageId = messageId;
            this.customer = customer;
            this.parent = parent;
            StringBuilder mime = new StringBuilder()
                    .append("From: Customer <")
                    .append(customer)
                    .append(">\r\nTo: help@acme.test\r\nSubject: ")
                    .append(subject)
                    .append("\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\nMessage-ID: ")
                    .append(messageId)
                    .append("\r\n");
            if (parent != null) {
                mime.append("In-Reply-To: ")
                        .append(parent.messageId)
                        .append("\r\nReferences: ")
                        .append(root().messageId.equals(parent.messageId) ? "" : root().messageId + " ")
                        .append(parent.messageId)
                        .append("\r\n");
            }
            mime.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
                    .append("Hello,\r\n\r\nmy order still has not arrived; mail ")
                    .append(messageId)
                    .append(".\r\n");
            this.raw = mime.toString().getBytes(StandardCharsets.UTF_8);
        }

        Mail root() {
            Mail mail = this;
            while (mail.parent != null) {
                mail = mail.parent;
            }
            return mail;
        }

        boolean isAnswered() {
            return !answers.isEmpty();
        }

        /** The ticket this mail's first 200 answer named, if it named one. */
        @Nullable
        Long toldTicket() {
            return answers.stream()
                    .map(Answer::ticketId)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }
    }

    record Answer(String outcome, @Nullable Long ticketId) {}

    /**
     * The senders: each owns its customers and writes new mails and replies to its own answered mails (a customer
     * replies only to a mail Postdesk acknowledged). A mail not answered 200 (connection lost, 503) is kept for
     * re-sending.
     */
    static final class MailStream {
        private final int senders;
        private final int total;
        private final List<Mail> mails = new CopyOnWriteArrayList<>();
        private final List<List<Mail>> answeredBySender = new ArrayList<>();
        private final List<ConcurrentLinkedQueue<Mail>> unansweredBySender = new ArrayList<>();
        private final AtomicInteger generated = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final String run = Long.toHexString(System.nanoTime());

        MailStream(int senders, int total) {
            this.senders = senders;
            this.total = total;
            for (int s = 0; s < senders; s++) {
                answeredBySender.add(new CopyOnWriteArrayList<>());
                unansweredBySender.add(new ConcurrentLinkedQueue<>());
            }
        }

        List<Mail> mails() {
            return mails;
        }

        int answered() {
            return answered.get();
        }

        List<Mail> unanswered() {
            return unansweredBySender.stream().flatMap(Collection::stream).toList();
        }

        /**
         * New mails from all senders in parallel until the stream is complete or {@code stopWhen} holds; then {@code
         * atStop} runs while the senders' last requests are in flight.
         */
        void send(ChildPostdesk app, BooleanSupplier stopWhen, Runnable atStop) throws InterruptedException {
            var stopped = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                threads.add(Thread.ofPlatform().name("sender-" + s).start(() -> {
                    var random = new Random(31L * sender + generated.get());
                    ApiClient client = app.admin();
                    while (!stopped.get()) {
                        int n = generated.incrementAndGet();
                        if (n > total) {
                            break;
                        }
                        Mail mail = next(sender, random, n);
                        mails.add(mail);
                        post(client, sender, mail);
                    }
                }));
            }
            while (threads.stream().anyMatch(Thread::isAlive)) {
                if (stopWhen.getAsBoolean()) {
                    // Senders finish what they are sending but start nothing new: the kill lands mid-request.
                    stopped.set(true);
                    atStop.run();
                    break;
                }
                Thread.sleep(1);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        /** What an MTA does after the outage: every mail not acknowledged is delivered again, until it is. */
        void resendUnanswered(ChildPostdesk app) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                threads.add(Thread.ofPlatform().name("resender-" + s).start(() -> {
                    ApiClient client = app.admin();
                    for (int attempt = 0;
                            attempt < 20 && !unansweredBySender.get(sender).isEmpty();
                            attempt++) {
                        List<Mail> again = new ArrayList<>(unansweredBySender.get(sender));
                        unansweredBySender.get(sender).clear();
                        again.forEach(mail -> post(client, sender, mail));
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        /** Answered mails sent again (a sender that never saw our answer): each must be a duplicate of itself. */
        void resendSample(ChildPostdesk app, int count) {
            ApiClient client = app.admin();
            var random = new Random(17);
            List<Mail> answeredMails = mails.stream().filter(Mail::isAnswered).toList();
            for (int i = 0; i < count; i++) {
                Mail mail = answeredMails.get(random.nextInt(answeredMails.size()));
                post(client, -1, mail);
            }
        }

        private Mail next(int sender, Random random, int n) {
            List<Mail> answeredHere = answeredBySender.get(sender);
            if (!answeredHere.isEmpty() && random.nextInt(10) < 4) {
                Mail parent = answeredHere.get(random.nextInt(answeredHere.size()));
                return new Mail(
                        "<kill-" + run + "-" + n + "@customers.test>",
                        parent.customer,
                        parent,
                        "Re: Order question " + parent.root().messageId);
            }
            return new Mail(
                    "<kill-" + run + "-" + n + "@customers.test>",
                    "customer-" + sender + "-" + n + "@customers.test",
                    null,
                    "Order question " + n);
        }

        private void post(ApiClient client, int sender, Mail mail) {
            try {
                var response = client.postRaw(WEBHOOK, "message/rfc822", mail.raw);
                if (response.status() == 200) {
                    Number ticket = response.json("$.ticketId");
                    var answer = new Answer(response.string("$.outcome"), ticket == null ? null : ticket.longValue());
                    boolean first = !mail.isAnswered();
                    mail.answers.add(answer);
                    if (first) {
                        answered.incrementAndGet();
                        if (sender >= 0 && answer.ticketId() != null) {
                            answeredBySender.get(sender).add(mail);
                        }
                    }
                    return;
                }
            } catch (UncheckedIOException connectionLost) {
                // The server died (or is starting): not acknowledged, so the mail is delivered again later.
            }
            if (sender >= 0 && !mail.isAnswered()) {
                unansweredBySender.get(sender).add(mail);
            }
        }
    }

    /** What the database holds after the last run: each inbound message's ticket and that ticket's customer. */
    record Stored(
            Map<String, List<Long>> ticketsByMessageId,
            Map<Long, String> customerByTicket,
            Map<String, String> inboundStatusByMessageId) {

        static Stored read(String url, String user, String password) throws SQLException {
            Map<String, List<Long>> tickets = new HashMap<>();
            Map<Long, String> customers = new HashMap<>();
            Map<String, String> statuses = new HashMap<>();
            try (var connection = DriverManager.getConnection(url, user, password);
                    var statement = connection.createStatement()) {
                try (var rows = statement.executeQuery("SELECT m.email_message_id, m.ticket_id FROM ticket_messages m"
                        + " WHERE m.direction = 'inbound' AND m.email_message_id IS NOT NULL")) {
                    while (rows.next()) {
                        tickets.computeIfAbsent(bare(rows.getString(1)), k -> new ArrayList<>())
                                .add(rows.getLong(2));
                    }
                }
                try (var rows = statement.executeQuery(
                        "SELECT t.id, c.email FROM tickets t JOIN contacts c ON c.id = t.contact_id")) {
                    while (rows.next()) {
                        customers.put(rows.getLong(1), rows.getString(2));
                    }
                }
                try (var rows = statement.executeQuery(
                        "SELECT internet_message_id, status FROM inbound_mails WHERE internet_message_id IS NOT NULL")) {
                    while (rows.next()) {
                        statuses.put(bare(rows.getString(1)), rows.getString(2));
                    }
                }
            }
            return new Stored(tickets, customers, statuses);
        }

        static String bare(String messageId) {
            return messageId.replaceAll("^<|>$", "");
        }
    }

    /** Every mail ever answered 200, checked against what is stored. */
    static final class Audit {
        final List<String> neverAnswered = new ArrayList<>();
        final List<String> lost = new ArrayList<>();
        final List<String> duplicated = new ArrayList<>();
        final List<String> misthreaded = new ArrayList<>();
        final List<String> reusedTicketIds = new ArrayList<>();
        final List<String> foreignTickets = new ArrayList<>();
        final List<String> duplicateWithoutTicket = new ArrayList<>();
        final List<String> unexpectedOutcome = new ArrayList<>();

        Audit(List<Mail> mails, Stored stored) {
            Map<Long, Set<String>> rootsByCreatedTicket = new HashMap<>();
            for (Mail mail : mails) {
                if (!mail.isAnswered()) {
                    neverAnswered.add(mail.messageId);
                    continue;
                }
                List<Long> storedOn = stored.ticketsByMessageId().getOrDefault(Stored.bare(mail.messageId), List.of());
                if (storedOn.isEmpty()) {
                    String inbound = stored.inboundStatusByMessageId().get(Stored.bare(mail.messageId));
                    boolean onlyToldDuplicate = mail.answers.stream()
                            .allMatch(a -> a.outcome().equals("duplicate") && a.ticketId() == null);
                    // Stored raw but not yet processed: the sender was told "duplicate" without a ticket.
                    (onlyToldDuplicate && inbound != null ? duplicateWithoutTicket : lost)
                            .add(mail.messageId + " " + mail.answers + ", inbound mail " + inbound);
                    continue;
                }
                if (storedOn.size() > 1) {
                    duplicated.add(mail.messageId + " on " + storedOn);
                }
                long ticket = storedOn.getFirst();
                for (Answer answer : mail.answers) {
                    switch (answer.outcome()) {
                        case "created", "appended" -> {}
                        case "duplicate" -> {
                            if (answer.ticketId() == null) {
                                duplicateWithoutTicket.add(mail.messageId);
                            }
                        }
                        default -> unexpectedOutcome.add(mail.messageId + " " + answer);
                    }
                    if (answer.ticketId() != null && answer.ticketId() != ticket) {
                        misthreaded.add(mail.messageId + " told " + answer.ticketId() + ", stored on " + ticket);
                    }
                    if (answer.outcome().equals("created") && answer.ticketId() != null) {
                        rootsByCreatedTicket
                                .computeIfAbsent(answer.ticketId(), k -> new HashSet<>())
                                .add(mail.root().messageId);
                    }
                }
                if (mail.parent != null && !Objects.equals(mail.parent.toldTicket(), ticket)) {
                    misthreaded.add(mail.messageId + " on " + ticket + ", its original on " + mail.parent.toldTicket());
                }
                Long told = mail.toldTicket();
                if (told != null
                        && !mail.customer.equals(stored.customerByTicket().get(told))) {
                    foreignTickets.add(mail.messageId + " of " + mail.customer + " told ticket " + told + " of "
                            + stored.customerByTicket().get(told));
                }
            }
            rootsByCreatedTicket.forEach((ticket, roots) -> {
                if (roots.size() > 1) {
                    reusedTicketIds.add(ticket + " for " + roots);
                }
            });
        }

        String summary() {
            return "lost " + lost.size() + ", duplicated " + duplicated.size() + ", mis-threaded " + misthreaded.size()
                    + ", reused ticket ids " + reusedTicketIds.size() + ", tickets of other customers "
                    + foreignTickets.size() + ", duplicates without ticket " + duplicateWithoutTicket.size()
                    + ", never answered " + neverAnswered.size() + ", unexpected outcomes " + unexpectedOutcome.size();
        }
    }
}
