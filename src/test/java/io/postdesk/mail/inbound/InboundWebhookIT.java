package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Every rule of SPEC §2, end to end through the webhook. */
class InboundWebhookIT extends IntegrationTest {

    private static final String WEBHOOK = "/api/tickets/inbound-email";

    @Test
    void createsTicketAndContactFromNewMailAndAnswersDuplicateOnRedelivery() {
        TestMails mail = TestMails.from("Bob Smith <Bob@Example.com>");

        var first = post(mail.bytes());
        var again = post(mail.bytes());

        assertThat((String) first.json("$.outcome")).isEqualTo("created");
        long ticket = id(first, "$.ticketId");
        assertThat((String) again.json("$.outcome")).isEqualTo("duplicate");
        assertThat(id(again, "$.ticketId")).isEqualTo(ticket);
        var created = admin().get("/api/v1/tickets/" + ticket);
        assertThat((String) created.json("$.source")).isEqualTo("email");
        assertThat((String) created.json("$.subject")).isEqualTo("Printer on fire");
        assertThat((String) created.json("$.contact.email")).isEqualTo("bob@example.com");
        assertThat((String) created.json("$.contact.name")).isEqualTo("Bob Smith");
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((List<?>) messages.json("$")).hasSize(1);
        assertThat((String) messages.json("$[0].direction")).isEqualTo("inbound");
        assertThat((String) messages.json("$[0].emailMessageId")).isEqualTo(mail.messageId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void appendsReplyByInReplyToAndReopensResolvedTicket() {
        TestMails original = TestMails.from("carol@example.com");
        long ticket = id(post(original.bytes()), "$.ticketId");
        admin().patch("/api/v1/tickets/" + ticket, "{\"status\": \"resolved\"}");

        var reply = post(TestMails.from("carol@example.com")
                .header("Subject", "Re: Printer on fire")
                .header("In-Reply-To", original.messageId())
                .body("Still burning.\n\nOn Sun, 22 Nov 2026 Support wrote:\n> Did you try turning it off?\n")
                .bytes());

        assertThat((String) reply.json("$.outcome")).isEqualTo("appended");
        assertThat(id(reply, "$.ticketId")).isEqualTo(ticket);
        assertThat((String) admin().get("/api/v1/tickets/" + ticket).json("$.status"))
                .isEqualTo("open");
        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[1].visibleText")).isEqualTo("Still burning.");
        assertThat((String) messages.json("$[1].body")).contains("Did you try turning it off?");
    }

    @Test
    void matchesRoutingAddressOnlyWithTheRightToken() {
        configureSupportAddress();
        long ticket = id(post(TestMails.from("dave@example.com").bytes()), "$.ticketId");
        String token = jdbc.sql("SELECT routing_token FROM tickets WHERE id = ?")
                .param(ticket)
                .query(String.class)
                .single();

        var withToken = post(TestMails.from("dave@example.com")
                .header("To", "ticket+" + ticket + "-" + token + "@acme.test")
                .bytes());
        var guessed = post(TestMails.from("mallory@evil.example")
                .header("To", "ticket+" + ticket + "-00000000000000000000@acme.test")
                .bytes());
        var bareFromStranger = post(TestMails.from("mallory@evil.example")
                .header("To", "ticket+" + ticket + "@acme.test")
                .bytes());
        var bareFromContact = post(TestMails.from("dave@example.com")
                .header("To", "ticket+" + ticket + "@acme.test")
                .bytes());

        assertThat((String) withToken.json("$.outcome")).isEqualTo("appended");
        assertThat((String) guessed.json("$.outcome")).isEqualTo("created");
        assertThat((String) bareFromStranger.json("$.outcome")).isEqualTo("created");
        assertThat((String) bareFromContact.json("$.outcome")).isEqualTo("appended");
        assertThat(id(bareFromContact, "$.ticketId")).isEqualTo(ticket);
    }

    @Test
    void ignoresAutoRepliesAndAnAdminCanReleaseThem() {
        var ignored = post(TestMails.from("erin@example.com")
                .header("Subject", "Automatic reply: Printer on fire")
                .header("Auto-Submitted", "auto-replied")
                .bytes());

        assertThat((String) ignored.json("$.outcome")).isEqualTo("ignored");
        assertThat((String) ignored.json("$.reason")).isEqualTo("auto_generated");
        var log = admin().get("/api/v1/inbound/messages?outcome=ignored");
        long inboundId = ((Number) log.json("$[0].id")).longValue();
        assertThat((List<?>) log.json("$[0].steps")).isNotEmpty();

        var released = admin().post("/api/v1/inbound/messages/" + inboundId + "/release", "{}");
        assertThat((String) released.json("$.outcome")).isEqualTo("created");
    }

    @Test
    void rejectsSpamListedSendersAndWholeDomains() {
        admin().post("/api/v1/spam-list", "{\"entry\": \"*@junk.example\"}");

        var rejected = post(TestMails.from("anyone@junk.example").bytes());

        assertThat((String) rejected.json("$.outcome")).isEqualTo("rejected");
        assertThat((String) rejected.json("$.reason")).isEqualTo("spam_list");
        assertThat((Object) rejected.json("$.ticketId")).isNull();
    }

    @Test
    void rejectsNewMailWhileTheHelpdeskIsOffButStillAcceptsReplies() {
        TestMails original = TestMails.from("frank@example.com");
        long ticket = id(post(original.bytes()), "$.ticketId");
        admin().put("/api/v1/settings/helpdesk", "{\"enabled\": false}");

        var fresh = post(TestMails.from("gina@example.com").bytes());
        var reply = post(TestMails.from("frank@example.com")
                .header("In-Reply-To", original.messageId())
                .bytes());

        assertThat((String) fresh.json("$.reason")).isEqualTo("helpdesk_disabled");
        assertThat((String) fresh.json("$.outcome")).isEqualTo("rejected");
        assertThat(id(reply, "$.ticketId")).isEqualTo(ticket);
    }

    @Test
    void staffRepliesByEmailAndReplyToTeamBecomesAnInternalNote() {
        TestMails original = TestMails.from("hank@example.com");
        long ticket = id(post(original.bytes()), "$.ticketId");

        post(TestMails.from(ADMIN_EMAIL)
                .header("In-Reply-To", original.messageId())
                .body("We will call you.")
                .bytes());
        post(TestMails.from(ADMIN_EMAIL)
                .header("In-Reply-To", original.messageId())
                .body("[Reply to Team] He called three times already.")
                .bytes());

        var messages = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) messages.json("$[1].direction")).isEqualTo("outbound");
        assertThat((Boolean) messages.json("$[1].internal")).isFalse();
        assertThat((Boolean) messages.json("$[2].internal")).isTrue();
        assertThat((String) messages.json("$[2].body")).isEqualTo("He called three times already.");
        assertThat((String) admin().get("/api/v1/tickets/" + ticket).json("$.status"))
                .isEqualTo("in_progress");
    }

    @Test
    void staffForwardOpensTicketForTheOriginalSender() {
        var forwarded = post(TestMails.from(ADMIN_EMAIL)
                .header("Subject", "Fwd: Broken order")
                .body(
                        "FYI\n\n---------- Forwarded message ---------\nFrom: Ivy Customer <ivy@customer.example>\n"
                                + "Date: Sat, 21 Nov 2026\nSubject: Broken order\nTo: admin@postdesk.test\n\nMy order arrived broken.\n")
                .bytes());

        long ticket = id(forwarded, "$.ticketId");
        assertThat((String) admin().get("/api/v1/tickets/" + ticket).json("$.contact.email"))
                .isEqualTo("ivy@customer.example");
    }

    @Test
    void addsCcAddressesAsCollaboratorsButNotSupportOrStaff() {
        configureSupportAddress();
        var created = post(TestMails.from("jo@example.com")
                .header("Cc", "Kim <kim@example.com>, help@acme.test, " + ADMIN_EMAIL)
                .bytes());

        var ticket = admin().get("/api/v1/tickets/" + id(created, "$.ticketId"));
        List<String> collaborators = ticket.json("$.collaborators[*].email");
        assertThat(collaborators).containsExactly("kim@example.com");
    }

    @Test
    void rejectsClientMailOnLockedOrder() {
        configureSupportAddress();
        long order = admin().post("/api/v1/orders", "{\"title\": \"Order 9\", \"contactEmail\": \"lee@example.com\"}")
                .id();
        admin().patch("/api/v1/orders/" + order, "{\"status\": \"completed\", \"locked\": true}");
        String token = jdbc.sql("SELECT routing_token FROM orders WHERE id = ?")
                .param(order)
                .query(String.class)
                .single();

        var result = post(TestMails.from("lee@example.com")
                .header("To", "order+" + order + "-" + token + "@acme.test")
                .bytes());

        assertThat((String) result.json("$.outcome")).isEqualTo("rejected");
        assertThat((String) result.json("$.reason")).isEqualTo("order_locked");
        assertThat((List<?>)
                        admin().get("/api/v1/orders/" + order + "/messages").json("$"))
                .isEmpty();
    }

    @Test
    void verifiesTheHmacSignatureAndStoresNothingWithoutIt() throws Exception {
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"a-very-long-webhook-secret\"}");
        byte[] mail = TestMails.from("max@example.com").bytes();

        var unsigned = post(mail);
        var wrong = signedPost(mail, "sha256=00");
        String signature = "sha256=" + HexFormat.of().formatHex(hmac("a-very-long-webhook-secret", mail));
        var signed = signedPost(mail, signature);

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(wrong).isEqualTo(401);
        assertThat(signed).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void refusesGarbageAndOversizedBodiesClearly() {
        var garbage =
                anonymous().postRaw(WEBHOOK, "application/json", "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8));
        var wrongType = anonymous().postRaw(WEBHOOK, "image/png", new byte[] {1, 2, 3});
        var empty = anonymous().postRaw(WEBHOOK, "message/rfc822", new byte[0]);

        assertThat(garbage.status()).isEqualTo(400);
        assertThat((String) garbage.json("$.detail")).contains("no mail");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void sameMailDeliveredTwiceAtOnceBecomesOneTicket() throws Exception {
        byte[] mail = TestMails.from("quentin@example.com").bytes();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var first = pool.submit(() -> post(mail));
        var second = pool.submit(() -> post(mail));
        List<String> outcomes =
                List.of(first.get().json("$.outcome"), second.get().json("$.outcome"));
        pool.shutdown();

        assertThat(outcomes).containsExactlyInAnyOrder("created", "duplicate");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void finishesMailInterruptedByACrash(@org.springframework.beans.factory.annotation.Autowired InboundMails inbound) {
        byte[] mail = TestMails.from("rosa@example.com").bytes();
        jdbc.sql("INSERT INTO inbound_mails (dedupe_key, raw, raw_sha256, size, channel, status, received_at)"
                        + " VALUES ('crash-1', ?, ?, ?, 'rfc822', 'received', ?)")
                .params(
                        mail,
                        "0".repeat(64),
                        mail.length,
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(10))
                .update();

        inbound.resumeInterrupted();

        assertThat(jdbc.sql("SELECT outcome FROM inbound_mails WHERE dedupe_key = 'crash-1'")
                        .query(String.class)
                        .single())
                .isEqualTo("created");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void acceptsGenericJson() {
        var result = anonymous().postRaw(WEBHOOK, "application/json", """
                {"from": "Nora <nora@example.com>", "to": ["help@acme.test"], "subject": "Via JSON",
                 "text": "Hello from JSON", "messageId": "<json-1@example.com>",
                 "attachments": [{"filename": "note.txt", "contentType": "text/plain", "content": "aGk="}]}""".getBytes(StandardCharsets.UTF_8));

        assertThat((String) result.json("$.outcome")).as(result.body()).isEqualTo("created");
        var messages = admin().get("/api/v1/tickets/" + id(result, "$.ticketId") + "/messages");
        assertThat((String) messages.json("$[0].emailMessageId")).isEqualTo("<json-1@example.com>");
        assertThat((String) messages.json("$[0].attachments[0].filename")).isEqualTo("note.txt");
    }

    @Test
    void explainsWithoutStoringAnything() {
        var explained = admin().postRaw(
                        "/api/v1/inbound/explain",
                        "message/rfc822",
                        TestMails.from("olga@example.com")
                                .body("Hi!\n\n-- \nOlga\n")
                                .bytes());

        assertThat((String) explained.json("$.outcome")).isEqualTo("created");
        assertThat((String) explained.json("$.visibleText")).isEqualTo("Hi!");
        List<String> steps = explained.json("$.steps[*].step");
        assertThat(steps)
                .containsExactly(
                        "store_raw",
                        "drop_duplicate",
                        "parse",
                        "reject_spam_listed",
                        "verify_sender",
                        "record_delivery_report",
                        "drop_auto_generated",
                        "reject_senderless",
                        "unwrap_staff_forward",
                        "match_conversation",
                        "apply_to_conversation",
                        "apply_staff_commands",
                        "add_cc_collaborators");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void explainsABounceFromTheNullSenderAsIgnoredNotRejected() {
        var explained = admin().postRaw(
                        "/api/v1/inbound/explain",
                        "message/rfc822",
                        TestMails.from("<>")
                                .header("Subject", "Undeliverable: Printer on fire")
                                .header("Auto-Submitted", "auto-replied")
                                .body("Your message could not be delivered.\n")
                                .bytes());

        assertThat((String) explained.json("$.outcome")).isEqualTo("ignored");
        assertThat((String) explained.json("$.reason")).isEqualTo("auto_generated");
        assertThat((Boolean) explained.json("$.autoGenerated")).isTrue();
        List<String> steps = explained.json("$.steps[*].step");
        assertThat(steps).endsWith("drop_auto_generated").doesNotContain("reject_senderless");
        List<String> details = explained.json("$.steps[*].detail");
        assertThat(details).contains("no sender: not checked");
    }

    @Test
    void aMailWithoutAnySenderIsAutomaticAndReleasedItIsRejectedForWantOfOne() {
        byte[] senderless =
                TestMails.from("nobody").without("From").body("Hi there\n").bytes();

        // SPEC §2.4: a missing sender is itself a sign of a machine (a bounce from the null reverse path).
        var explained = admin().postRaw("/api/v1/inbound/explain", "message/rfc822", senderless);
        assertThat((String) explained.json("$.outcome")).isEqualTo("ignored");
        assertThat((String) explained.json("$.reason")).isEqualTo("auto_generated");

        // An admin who releases it past the automatic-mail rules gets a rejection with the reason, not a ticket.
        assertThat((String) post(senderless).json("$.outcome")).isEqualTo("ignored");
        long id = ((Number) admin().get("/api/v1/inbound/messages").json("$[0].id")).longValue();
        var released = admin().post("/api/v1/inbound/messages/" + id + "/release", "");

        assertThat((String) released.json("$.outcome")).isEqualTo("rejected");
        assertThat((String) released.json("$.reason")).isEqualTo("no_sender");
        List<String> steps = admin().get("/api/v1/inbound/messages/" + id).json("$.steps[*].step");
        assertThat(steps).contains("drop_auto_generated", "reject_senderless");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isZero();
    }

    @Test
    void serveTheRawMessageToAdmins() {
        byte[] mail = TestMails.from("pia@example.com").bytes();
        post(mail);
        long id = ((Number) admin().get("/api/v1/inbound/messages").json("$[0].id")).longValue();

        var raw = admin().get("/api/v1/inbound/messages/" + id + "/raw");

        assertThat(raw.bytes()).isEqualTo(mail);
        assertThat(anonymous().get("/api/v1/inbound/messages").status()).isEqualTo(401);
    }

    private ApiClient.Response post(byte[] mail) {
        return anonymous().postRaw(WEBHOOK, "message/rfc822", mail);
    }

    private int signedPost(byte[] mail, String signature) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + WEBHOOK))
                .header("Content-Type", "message/rfc822")
                .header("X-Postdesk-Signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(mail))
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void configureSupportAddress() {
        admin().put("/api/v1/settings/email", "{\"supportAddress\": \"help@acme.test\"}");
    }

    private static long id(ApiClient.Response response, String path) {
        Object value = response.json(path);
        assertThat(value).as(response.body()).isNotNull();
        return ((Number) value).longValue();
    }

    private static byte[] hmac(String key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }
}
