package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import io.postdesk.mail.inbound.smtp.SmtpListener;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Forged senders on every door (webhook rfc822, SendGrid and Mailgun posts, the SMTP listener): the bare routing
 * address never makes a mail act as staff or add collaborators, and with trusted Authentication-Results an
 * unverified sender never acts as staff.
 */
@TestPropertySource(
        properties = {
            "postdesk.mail.inbound.smtp.enabled=true",
            "postdesk.mail.inbound.smtp.port=0",
            "postdesk.mail.inbound.smtp.domains=acme.test"
        })
class SenderSpoofingIT extends IntegrationTest {

    private static final String WEBHOOK = "/api/tickets/inbound-email";
    private static final String CUSTOMER = "carla@customer.test";
    private static final String ATTACKER = "attacker@evil.test";
    private static final String MAILGUN_KEY = "mailgun-signing-key-for-tests";

    @Autowired
    SmtpListener listener;

    @RegisterExtension
    static GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    enum Door {
        RFC822,
        SENDGRID,
        MAILGUN,
        SMTP,
        IMAP
    }

    private long ticket;
    private String token;
    private GreenMailUser mailbox;

    @BeforeEach
    void aTicketOfTheCustomerWithSmtpConfigured() {
        admin().put(
                        "/api/v1/settings/email",
                        "{\"supportAddress\": \"help@acme.test\", \"host\": \"127.0.0.1\", \"port\": 2525,"
                                + " \"fromEmail\": \"help@acme.test\"}");
        mailbox = mailServer.setUser("support@acme.test", "support", "mailbox-secret");
        var imap = admin().put("/api/v1/settings/mailbox", """
                {"enabled": true, "protocol": "imap", "host": "127.0.0.1", "port": %d, "ssl": false,
                 "username": "support", "password": "mailbox-secret", "processedFolder": "Processed"}""".formatted(
                        mailServer.getImap().getPort()));
        assertThat(imap.status()).as(imap.body()).isEqualTo(200);
        var created = anonymous()
                .postRaw(WEBHOOK, "message/rfc822", TestMails.from(CUSTOMER).bytes());
        ticket = ((Number) created.json("$.ticketId")).longValue();
        token = jdbc.sql("SELECT routing_token FROM tickets WHERE id = ?")
                .param(ticket)
                .query(String.class)
                .single();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void forgedCustomerMailToTheBareAddressAddsNoCollaborator(Door door) throws Exception {
        deliver(
                door,
                TestMails.from("Carla <" + CUSTOMER + ">")
                        .header("To", bare())
                        .header("Cc", "Eve <" + ATTACKER + ">")
                        .body("Please add my colleague."));

        assertThat(collaborators()).doesNotContain(ATTACKER);
        assertThat(last().get("outcome")).isEqualTo("appended");
        assertThat(steps()).contains("CC addresses not added: the mail reached the ticket by the bare routing address");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void forgedStaffMailToTheBareAddressIsRejectedAndNothingIsEmailed(Door door) throws Exception {
        deliver(door, TestMails.from(ADMIN_EMAIL).header("To", bare()).body("Your refund is approved."));

        assertThat(last().get("outcome")).isEqualTo("rejected");
        assertThat(last().get("reason")).isEqualTo("bare_routing_address");
        assertNoStaffReply();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void staffMailToTheTokenedAddressWithTrustedDmarcPassIsAStaffReply(Door door) throws Exception {
        requireVerifiedStaff();

        deliver(
                door,
                TestMails.from(ADMIN_EMAIL)
                        .header("To", tokened())
                        .header(
                                "Authentication-Results",
                                "mx.example.com; spf=pass smtp.mailfrom=postdesk.test;"
                                        + " dkim=pass header.d=postdesk.test; dmarc=pass header.from=postdesk.test")
                        .body("We will call you."));

        assertThat(last().get("outcome")).isEqualTo("appended");
        assertThat(last().get("sender_verdict")).isEqualTo("verified");
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[1].direction")).isEqualTo("outbound");
        assertThat(replies()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void staffMailWithTrustedDmarcFailIsUnverifiedAndRejected(Door door) throws Exception {
        trust(false);

        deliver(
                door,
                TestMails.from(ADMIN_EMAIL)
                        .header("To", tokened())
                        .header("Cc", ATTACKER)
                        .header(
                                "Authentication-Results",
                                "mx.example.com; spf=fail smtp.mailfrom=evil.test;"
                                        + " dmarc=fail (p=none) header.from=postdesk.test")
                        .body("Your refund is approved."));

        assertThat(last().get("outcome")).isEqualTo("rejected");
        assertThat(last().get("reason")).isEqualTo("sender_unverified");
        assertThat(last().get("sender_verdict")).isEqualTo("unverified");
        assertNoStaffReply();
        assertThat(collaborators()).doesNotContain(ATTACKER);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void aPassFromAnUntrustedServerIsIgnored(Door door) throws Exception {
        requireVerifiedStaff();

        deliver(
                door,
                TestMails.from(ADMIN_EMAIL)
                        .header("To", tokened())
                        .header("Authentication-Results", "mx.evil.test; dmarc=pass header.from=postdesk.test")
                        .body("Your refund is approved."));

        assertThat(last().get("reason")).isEqualTo("sender_unverified");
        assertThat(steps()).contains("no verdict from a trusted server");
        assertNoStaffReply();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void anUnverifiedCustomerMailIsAMessageButNeverUsesTheBareFormOrAddsCollaborators(Door door) throws Exception {
        trust(false);

        deliver(
                door,
                TestMails.from(CUSTOMER)
                        .header("To", bare())
                        .header("Cc", ATTACKER)
                        .header("Authentication-Results", "mx.example.com; dmarc=fail header.from=customer.test"));

        assertThat(last().get("outcome")).isEqualTo("created");
        assertThat(((Number) last().get("ticket_id")).longValue()).isNotEqualTo(ticket);
        assertThat(collaborators()).doesNotContain(ATTACKER);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_collaborators")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anUnverifiedStrangerOnTheTokenedAddressCannotJoinTheThread() throws Exception {
        trust(false);

        deliver(
                Door.RFC822,
                TestMails.from(ATTACKER)
                        .header("To", tokened())
                        .header("Authentication-Results", "mx.example.com; dmarc=fail header.from=evil.test"));

        assertThat(last().get("outcome")).isEqualTo("created");
        assertThat(collaborators()).doesNotContain(ATTACKER);
    }

    @Test
    void aVerifiedCustomerOnTheTokenedAddressStillAddsCcCollaborators() throws Exception {
        trust(true);

        deliver(
                Door.RFC822,
                TestMails.from(CUSTOMER)
                        .header("To", tokened())
                        .header("Cc", "Kim <kim@customer.test>")
                        .header("Authentication-Results", "mx.example.com; dkim=pass header.d=customer.test"));

        assertThat(last().get("outcome")).isEqualTo("appended");
        assertThat(collaborators()).containsExactly("kim@customer.test");
    }

    @Test
    void aStaffForwardFromAnUnverifiedSenderOpensNoTicketForSomeoneElse() throws Exception {
        trust(false);

        deliver(
                Door.RFC822,
                TestMails.from(ADMIN_EMAIL)
                        .header("Subject", "Fwd: Broken order")
                        .header("Authentication-Results", "mx.example.com; dmarc=fail header.from=postdesk.test")
                        .body("---------- Forwarded message ---------\nFrom: Ivy <ivy@customer.test>\n\nBroken.\n"));

        assertThat(last().get("outcome")).isEqualTo("rejected");
        assertThat(last().get("reason")).isEqualTo("sender_unverified");
    }

    @Test
    void staffMailToAnOrdersBareAddressIsRejectedButTheTokenedOneIsAStaffMessage() throws Exception {
        long order = admin().post("/api/v1/orders", "{\"title\": \"Order 9\", \"contactEmail\": \"" + CUSTOMER + "\"}")
                .id();
        String orderToken = jdbc.sql("SELECT routing_token FROM orders WHERE id = ?")
                .param(order)
                .query(String.class)
                .single();

        deliver(Door.RFC822, TestMails.from(ADMIN_EMAIL).header("To", "order+" + order + "@acme.test"));
        assertThat(last().get("reason")).isEqualTo("bare_routing_address");
        assertThat((List<?>)
                        admin().get("/api/v1/orders/" + order + "/messages").json("$"))
                .isEmpty();

        deliver(
                Door.RFC822,
                TestMails.from(ADMIN_EMAIL).header("To", "order+" + order + "-" + orderToken + "@acme.test"));
        assertThat(last().get("outcome")).isEqualTo("appended");
        assertThat((List<?>)
                        admin().get("/api/v1/orders/" + order + "/messages").json("$"))
                .hasSize(1);
    }

    @Test
    void sendgridsOwnSpfAndDkimFieldsDecide() throws Exception {
        requireVerifiedStaff();
        byte[] mail = TestMails.from(ADMIN_EMAIL)
                .header("To", tokened())
                .body("We will call you.")
                .bytes();

        sendgrid(mail, Map.of("SPF", "fail", "dkim", "{@postdesk.test : fail}"));
        assertThat(last().get("reason")).isEqualTo("sender_unverified");
        assertThat(jdbc.sql("SELECT channel_verdict FROM inbound_mails ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                        .query(String.class)
                        .single())
                .isEqualTo("sendgrid; spf=fail; dkim=fail header.d=postdesk.test");

        sendgrid(
                TestMails.from(ADMIN_EMAIL).header("To", tokened()).bytes(),
                Map.of("SPF", "pass", "envelope", "{\"from\": \"" + ADMIN_EMAIL + "\"}"));
        assertThat(last().get("outcome")).isEqualTo("appended");
        assertThat(replies()).isEqualTo(1);
    }

    @Test
    void mailgunsOwnCheckFieldsDecideAndSurviveReprocessing() throws Exception {
        requireVerifiedStaff();
        byte[] mail = TestMails.from(ADMIN_EMAIL).header("To", tokened()).bytes();

        mailgun(mail, Map.of("X-Mailgun-Spf", "Fail", "X-Mailgun-Dkim-Check-Result", "Fail"), UUID.randomUUID() + "");
        assertThat(last().get("reason")).isEqualTo("sender_unverified");
        long id = ((Number) last().get("id")).longValue();

        var again = admin().post("/api/v1/inbound/messages/" + id + "/reprocess", "{}");
        assertThat((String) again.json("$.reason")).isEqualTo("sender_unverified");

        mailgun(
                TestMails.from(ADMIN_EMAIL).header("To", tokened()).bytes(),
                Map.of("X-Mailgun-Spf", "Pass", "sender", ADMIN_EMAIL),
                UUID.randomUUID() + "");
        assertThat(last().get("outcome")).isEqualTo("appended");
    }

    @Test
    void aMailgunSignatureCannotBeReplayedWithAnotherBody() throws Exception {
        String used = UUID.randomUUID().toString();
        byte[] first = TestMails.from(CUSTOMER).bytes();

        byte[] request = mailgunRequest(first, Map.of(), used);
        var accepted = postMailgun(request);
        var retried = postMailgun(request);
        var replayed = mailgun(TestMails.from(ATTACKER).bytes(), Map.of(), used);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat((String) retried.json("$.outcome")).isEqualTo("duplicate");
        assertThat(replayed.status()).isEqualTo(401);
        assertThat((String) replayed.json("$.detail")).contains("replay");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails WHERE from_address = ?")
                        .param(ATTACKER)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theProcessedMailLogShowsTheVerdict() throws Exception {
        trust(false);
        deliver(
                Door.RFC822,
                TestMails.from(CUSTOMER)
                        .header("Authentication-Results", "mx.example.com; dmarc=pass header.from=customer.test"));

        var log = admin().get("/api/v1/inbound/messages");

        assertThat((String) log.json("$[0].senderVerdict")).isEqualTo("verified");
        assertThat((String) log.json("$[1].senderVerdict")).isEqualTo("unknown");
    }

    @Test
    void explainShowsTheVerdictBeforeAnythingIsStored() {
        trust(false);

        var explained = admin().postRaw(
                        "/api/v1/inbound/explain",
                        "message/rfc822",
                        TestMails.from(ADMIN_EMAIL)
                                .header("To", bare())
                                .header(
                                        "Authentication-Results",
                                        "mx.example.com; dmarc=pass header.from=postdesk.test")
                                .bytes());

        assertThat((String) explained.json("$.senderVerdict")).isEqualTo("verified");
        assertThat((String) explained.json("$.reason")).isEqualTo("bare_routing_address");
        assertThat((String) explained.json("$.matchedBy")).isEqualTo("bare_routing_address");
    }

    private void deliver(Door door, TestMails mail) throws Exception {
        byte[] raw = mail.bytes();
        switch (door) {
            case RFC822 ->
                assertThat(anonymous().postRaw(WEBHOOK, "message/rfc822", raw).status())
                        .isEqualTo(200);
            case SENDGRID -> sendgrid(raw, Map.of());
            case MAILGUN -> mailgun(raw, Map.of(), UUID.randomUUID().toString());
            case SMTP -> smtp(raw);
            case IMAP -> {
                mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
                var fetched = admin().post("/api/v1/settings/mailbox/fetch", "{}");
                assertThat(((Number) fetched.json("$.fetched")).intValue())
                        .as(fetched.body())
                        .isEqualTo(1);
            }
        }
    }

    private ApiClient.Response sendgrid(byte[] raw, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("email", new String(raw, StandardCharsets.UTF_8));
        form.put("to", "help@acme.test");
        var response = anonymous().postRaw(WEBHOOK, "application/x-www-form-urlencoded", encoded(form));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** A Mailgun post signed with the signing key, as Mailgun sends it. */
    private ApiClient.Response mailgun(byte[] raw, Map<String, String> fields, String token) throws Exception {
        return postMailgun(mailgunRequest(raw, fields, token));
    }

    /**
     * The key is set only for the request: with a key set, every other webhook request would need a signature too.
     */
    private ApiClient.Response postMailgun(byte[] request) {
        admin().put("/api/v1/settings/webhook", "{\"mailgunSigningKey\": \"" + MAILGUN_KEY + "\"}");
        try {
            var response = anonymous().postRaw(WEBHOOK, "application/x-www-form-urlencoded", request);
            assertThat(response.status()).as(response.body()).isIn(200, 401);
            return response;
        } finally {
            admin().put("/api/v1/settings/webhook", "{\"mailgunSigningKey\": null}");
        }
    }

    private static byte[] mailgunRequest(byte[] raw, Map<String, String> fields, String token) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("body-mime", new String(raw, StandardCharsets.UTF_8));
        form.putIfAbsent("sender", CUSTOMER);
        form.put("recipient", "help@acme.test");
        form.put("timestamp", timestamp);
        form.put("token", token);
        form.put("signature", hmac(MAILGUN_KEY, timestamp + token));
        return encoded(form);
    }

    private void smtp(byte[] raw) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(10_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(in);
            for (String line : List.of(
                    "EHLO mta.example.com", "MAIL FROM:<bounce@elsewhere.test>", "RCPT TO:<help@acme.test>", "DATA")) {
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(reply(in)).startsWith(line.equals("DATA") ? "354" : "250");
            }
            out.write(raw);
            out.write("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(reply(in)).startsWith("250");
        }
    }

    private static String reply(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private void trust(boolean requireVerifiedStaff) {
        var saved = admin().put(
                        "/api/v1/settings/sender-verification",
                        "{\"trustedAuthservIds\": [\"mx.example.com\"], \"requireVerifiedStaff\": "
                                + requireVerifiedStaff + "}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private void requireVerifiedStaff() {
        trust(true);
    }

    private String bare() {
        return "ticket+" + ticket + "@acme.test";
    }

    private String tokened() {
        return "ticket+" + ticket + "-" + token + "@acme.test";
    }

    private Map<String, Object> last() {
        return jdbc
                .sql("SELECT id, outcome, reason, ticket_id, sender_verdict FROM inbound_mails"
                        + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .query()
                .singleRow()
                .entrySet()
                .stream()
                .collect(
                        LinkedHashMap::new,
                        (m, e) -> m.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()),
                        Map::putAll);
    }

    private String steps() {
        return jdbc.sql("SELECT steps FROM inbound_mails ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .query(String.class)
                .single();
    }

    private List<String> collaborators() {
        return admin().get("/api/v1/tickets/" + ticket).json("$.collaborators[*].email");
    }

    private long replies() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE purpose = 'reply' AND ticket_id = ?")
                .param(ticket)
                .query(Long.class)
                .single();
    }

    private void assertNoStaffReply() {
        List<String> directions =
                admin().get("/api/v1/tickets/" + ticket + "/messages").json("$[*].direction");
        assertThat(directions).doesNotContain("outbound");
        assertThat(replies()).isZero();
    }

    private static byte[] encoded(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
