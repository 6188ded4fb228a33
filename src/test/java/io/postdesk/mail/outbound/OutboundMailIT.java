package io.postdesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.IntegrationTest;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.EmailAddress;
import io.postdesk.ticket.TicketManagement;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Replies and notices through a real SMTP server (GreenMail), parsed back from what it received. */
class OutboundMailIT extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Autowired
    OutboxWorker worker;

    @Autowired
    TicketManagement tickets;

    @Autowired
    ContactDirectory contacts;

    @Test
    void emailsAgentReplyToContactWithCollaboratorInCcAndThreadingHeaders() throws Exception {
        configureSmtp(smtp.getSmtp().getPort(), false);
        long ticket = createTicket("Printer on fire", "bob@example.com", "Bob");
        admin().post("/api/v1/tickets/" + ticket + "/collaborators", "{\"email\": \"carol@example.com\"}");

        var reply = admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"We are on it.\"}");
        worker.deliverDue();

        assertThat(reply.status()).isEqualTo(201);
        assertThat((Boolean) reply.json("$.emailSkipped")).isFalse();
        MimeMessage mail = reply(smtp, "Re: Printer on fire", 2);
        assertThat(mail.getHeader("From", null)).isEqualTo("Acme Support <support@acme.test>");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly("bob@example.com");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.CC))).containsExactly("carol@example.com");
        String token = jdbc.sql("SELECT routing_token FROM tickets WHERE id = ?")
                .param(ticket)
                .query(String.class)
                .single();
        assertThat(addresses(mail.getReplyTo())).containsExactly("ticket+" + ticket + "-" + token + "@acme.test");
        assertThat(mail.getMessageID()).startsWith("<pd.t" + ticket + ".").endsWith("@acme.test>");
        assertThat(mail.getSubject()).isEqualTo("Re: Printer on fire [#" + ticket + "]");
        assertThat(mail.getHeader("Auto-Submitted")).isNull();
        assertThat(smtp.getReceivedMessagesForDomain("example.com")).hasSize(2); // one copy for each recipient
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[0].emailMessageId")).isEqualTo(mail.getMessageID());
        assertThat((String) messages.json("$[0].deliveries[0].status")).isEqualTo("sent");
    }

    @Test
    void staffMessagesOnAnOrderAreEmailedAndTheClientsAnswerComesBackOntoTheOrder() throws Exception {
        configureSmtp(smtp.getSmtp().getPort(), false);
        long order = admin().post(
                        "/api/v1/orders", "{\"title\": \"Kitchen table\", \"contactEmail\": \"olga@example.com\"}")
                .id();
        admin().post(
                        "/api/v1/orders/" + order + "/replies",
                        "{\"body\": \"Internal: check stock\", \"internal\": true}");
        admin().post("/api/v1/orders/" + order + "/replies", "{\"body\": \"Your table ships on Monday.\"}");
        worker.deliverDue();

        MimeMessage mail = reply(smtp, "ships on Monday", 1);
        assertThat(smtp.getReceivedMessages()).hasSize(1); // the team note never leaves
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly("olga@example.com");
        String token = jdbc.sql("SELECT routing_token FROM orders WHERE id = ?")
                .param(order)
                .query(String.class)
                .single();
        assertThat(addresses(mail.getReplyTo())).containsExactly("order+" + order + "-" + token + "@acme.test");
        assertThat(mail.getSubject()).isEqualTo("Re: Kitchen table [order #" + order + "]");
        assertThat(mail.getMessageID()).startsWith("<pd.o" + order + ".");

        // The client answers the mail from a plain mail client: To the support address, In-Reply-To the mail.
        String answer = "From: olga@example.com\r\nTo: support@acme.test\r\nSubject: Re: Kitchen table\r\n"
                + "Message-ID: <olga-1@example.com>\r\nIn-Reply-To: " + mail.getMessageID() + "\r\n\r\n"
                + "Monday is fine, thanks!\r\n";
        var result = anonymous()
                .postRaw(
                        "/api/tickets/inbound-email",
                        "message/rfc822",
                        answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat((String) result.json("$.outcome")).isEqualTo("appended");
        assertThat(((Number) result.json("$.orderId")).longValue()).isEqualTo(order);
        var thread = admin().get("/api/v1/orders/" + order + "/messages");
        assertThat(thread.body()).contains("Monday is fine, thanks!");
    }

    @Test
    void laterRepliesThreadOnTheCustomersLastMessageAndTheThreadRoot() throws Exception {
        configureSmtp(smtp.getSmtp().getPort(), false);
        long ticket = createTicket("Invoice", "dave@example.com", null);
        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"First answer\"}");
        worker.deliverDue();
        String root = reply(smtp, "First answer", 1).getMessageID();
        long contact = contacts.findByEmail(new EmailAddress("dave@example.com"))
                .orElseThrow()
                .id();
        var customer = tickets.addCustomerMessage(ticket, contact, "Thanks, but...", List.of());
        tickets.recordEmailMessageId(ticket, customer.entry().message().id(), "<customer-1@example.com>");

        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"Second answer\"}");
        worker.deliverDue();

        MimeMessage second = reply(smtp, "Second answer", 1);
        assertThat(second.getHeader("In-Reply-To", null)).isEqualTo("<customer-1@example.com>");
        assertThat(second.getHeader("References", " ").split("\\s+")).containsExactly(root, "<customer-1@example.com>");
    }

    @Autowired
    CustomerNotices notices;

    @Test
    void keepsNoWorkingSignInLinkInTheOutboxOnceItIsSent() throws Exception {
        configureSmtp(smtp.getSmtp().getPort(), false);

        assertThat(notices.signInLink(
                        new EmailAddress("gina@example.com"),
                        "https://help.example.test/portal/sign-in?token=secret-token-123",
                        "hash-of-the-token"))
                .isTrue();
        worker.deliverDue();

        assertThat(GreenMailUtil.getBody(smtp.getReceivedMessagesForDomain("example.com")[0]))
                .contains("secret-token-123");
        var row = jdbc.sql("SELECT status, mime FROM outbox WHERE dedupe_key LIKE '%:sign-in:%'")
                .query((rs, n) -> List.of(rs.getString("status"), rs.getString("mime")))
                .single();
        assertThat(row.get(0)).isEqualTo("sent");
        assertThat(row.get(1)).doesNotContain("secret-token-123");
    }

    @Test
    void neverEmailsInternalNotes() {
        configureSmtp(smtp.getSmtp().getPort(), false);
        long ticket = createTicket("Secret", "erin@example.com", null);

        var note = admin().post(
                        "/api/v1/tickets/" + ticket + "/replies",
                        "{\"body\": \"Team only: customer is on the naughty list\", \"internal\": true}");
        worker.deliverDue();

        assertThat((Boolean) note.json("$.emailSkipped")).isTrue();
        assertThat(smtp.getReceivedMessagesForDomain("example.com")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE ticket_id = ? AND purpose = 'reply'")
                        .param(ticket)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void skipsEmailWithoutSmtpOrWithoutContactEmail() {
        long withContact = createTicket("No SMTP yet", "frank@example.com", null);
        var noSmtp = admin().post("/api/v1/tickets/" + withContact + "/replies", "{\"body\": \"Hi\"}");
        configureSmtp(smtp.getSmtp().getPort(), false);
        long noContact =
                admin().post("/api/v1/tickets", "{\"subject\": \"Walk-in\"}").id();
        var withoutContact = admin().post("/api/v1/tickets/" + noContact + "/replies", "{\"body\": \"Hi\"}");

        assertThat((Boolean) noSmtp.json("$.emailSkipped")).isTrue();
        assertThat((Boolean) withoutContact.json("$.emailSkipped")).isTrue();
    }

    @Test
    void notifiesStaffOfNewTicketsAndCustomerRepliesUnlessSwitchedOff() throws Exception {
        configureSmtp(smtp.getSmtp().getPort(), false);
        admin().post("/api/v1/staff", "{\"name\": \"Quiet\", \"email\": \"quiet@acme.test\", \"role\": \"agent\"}");
        long quiet = jdbc.sql("SELECT id FROM staff WHERE email = 'quiet@acme.test'")
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE staff SET notify_new_tickets = FALSE WHERE id = ?")
                .param(quiet)
                .update();

        long ticket = createTicket("Help", "gina@example.com", null);
        worker.deliverDue();

        MimeMessage notice = reply(smtp, "New ticket", 1);
        assertThat(recipients(notice)).containsExactly(ADMIN_EMAIL);
        assertThat(notice.getSubject()).isEqualTo("[#" + ticket + "] New ticket: Help");
        assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).flatMap(m -> recipients(m).stream()))
                .doesNotContain("quiet@acme.test");
    }

    @Test
    void queuesReplyWhileSmtpIsDownAndDeliversItExactlyOnceWhenItIsBack() throws Exception {
        int port = freePort();
        configureSmtp(port, false);
        long ticket = createTicket("Outage", "hank@example.com", null);

        var reply = admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"Answer during outage\"}");
        worker.deliverDue();

        assertThat(reply.status()).isEqualTo(201);
        assertThat((Boolean) reply.json("$.emailSkipped")).isFalse();
        var pending = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) pending.json("$[0].deliveries[0].status")).isEqualTo("pending");
        assertThat((String) pending.json("$[0].deliveries[0].lastError")).startsWith("Connection refused");

        GreenMail revived = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));
        revived.start();
        try {
            Thread.sleep(300); // past the first retry delay (100 ms in tests)
            worker.deliverDue();
            worker.deliverDue();

            assertThat(revived.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(revived.getReceivedMessagesForDomain("example.com")).hasSize(1);
            var sent = admin().get("/api/v1/tickets/" + ticket + "/messages");
            assertThat((String) sent.json("$[0].deliveries[0].status")).isEqualTo("sent");
        } finally {
            revived.stop();
        }
    }

    @Test
    void marksMailFailedAfterItsWindowAndRetriesOnRequest() throws Exception {
        int port = freePort();
        configureSmtp(port, false);
        long ticket = createTicket("Give up", "ivy@example.com", null);
        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"Nobody listens\"}");
        jdbc.sql("UPDATE outbox SET give_up_at = created_at").update();

        worker.deliverDue();

        var failed = admin().get("/api/v1/outbox?status=failed");
        List<String> purposes = failed.json("$[*].purpose");
        assertThat(purposes).containsExactlyInAnyOrder("reply", "staff_notification");
        List<Number> ids = failed.json("$[?(@.purpose == 'reply')].id");
        long id = ids.getFirst().longValue();
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[0].deliveries[0].status")).isEqualTo("failed");
        GreenMail revived = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));
        revived.start();
        try {
            var retried = admin().post("/api/v1/outbox/" + id + "/retry", "{}");
            worker.deliverDue();

            assertThat((String) retried.json("$.status")).isEqualTo("pending");
            assertThat(revived.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(revived.getReceivedMessagesForDomain("example.com")).hasSize(1);
            assertThat((String) admin().get("/api/v1/outbox/" + id).json("$.status"))
                    .isEqualTo("sent");
        } finally {
            revived.stop();
        }
    }

    @Test
    void twoWorkersDeliverEachMailOnce() throws Exception {
        configureSmtp(smtp.getSmtp().getPort(), false);
        int mails = 30;
        for (int i = 0; i < mails; i++) {
            long ticket = admin().post(
                            "/api/v1/tickets",
                            "{\"subject\": \"Bulk " + i + "\", \"contactEmail\": \"bulk" + i + "@example.com\"}")
                    .id();
            admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"Reply " + i + "\"}");
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        for (int w = 0; w < 2; w++) {
            pool.submit(() -> {
                start.await();
                for (int round = 0; round < 5; round++) {
                    worker.deliverDue();
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(smtp.waitForIncomingEmail(10_000, mails)).isTrue();
        Thread.sleep(200); // a duplicate, if any, would arrive right behind
        MimeMessage[] received = smtp.getReceivedMessagesForDomain("example.com");
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (MimeMessage m : received) {
            ids.add(m.getMessageID());
        }
        assertThat(received).hasSize(mails);
        assertThat(ids).hasSize(mails);
    }

    private long createTicket(String subject, String email, String name) {
        String contactName = name == null ? "" : ", \"contactName\": \"" + name + "\"";
        return admin().post(
                        "/api/v1/tickets",
                        "{\"subject\": \"" + subject + "\", \"contactEmail\": \"" + email + "\"" + contactName + "}")
                .id();
    }

    private void configureSmtp(int port, boolean ssl) {
        var saved = admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "password": "smtp-password", "ssl": %s, "fromEmail": "support@acme.test", "fromName": "Acme Support"}
                """.formatted(port, ssl));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /** The one mail (by Message-ID) whose subject or text contains the given words, once all expected copies arrived. */
    static MimeMessage reply(com.icegreen.greenmail.base.GreenMailOperations server, String words, int copies)
            throws Exception {
        assertThat(server.waitForIncomingEmail(5000, copies)).isTrue();
        List<MimeMessage> matching = new java.util.ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
            if ((m.getSubject().contains(words) || text.contains(words)) && seen.add(m.getMessageID())) {
                matching.add(m);
            }
        }
        assertThat(matching).as("mails containing '%s'", words).hasSize(1);
        return matching.getFirst();
    }

    /** Envelope-independent: the addresses in To and Cc. */
    static List<String> recipients(MimeMessage message) {
        try {
            return addresses(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> addresses(jakarta.mail.Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses)
                        .map(a -> ((InternetAddress) a).getAddress())
                        .toList();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
