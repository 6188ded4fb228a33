package io.postdesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff email commands end to end: a staff member answers a ticket by mail with {@code #status}, {@code #tag} and
 * {@code #assign} lines; they change the ticket like the dashboard does and never reach the stored text or the
 * customer. From anyone who may not act as staff they change nothing and stay in the text.
 */
class StaffEmailCommandsIT extends IntegrationTest {

    private static final String WEBHOOK = "/api/tickets/inbound-email";
    private static final String CUSTOMER = "carla@customer.test";
    private static final String COMMANDS = "Your refund is on its way.\n\n#status resolved\n#tag refund\n#assign me\n";

    private long ticket;
    private String token;

    @BeforeEach
    void aCustomersTicketWithSmtpConfigured() {
        admin().put(
                        "/api/v1/settings/email",
                        "{\"supportAddress\": \"help@acme.test\", \"host\": \"127.0.0.1\", \"port\": 2525,"
                                + " \"fromEmail\": \"help@acme.test\"}");
        var created = anonymous()
                .postRaw(WEBHOOK, "message/rfc822", TestMails.from(CUSTOMER).bytes());
        ticket = ((Number) created.json("$.ticketId")).longValue();
        token = jdbc.sql("SELECT routing_token FROM tickets WHERE id = ?")
                .param(ticket)
                .query(String.class)
                .single();
    }

    @Test
    void staffReplyByMailResolvesTagsAndAssignsAndTheLinesNeverReachTheCustomer() throws Exception {
        deliver(TestMails.from("Admin <" + ADMIN_EMAIL + ">")
                .header("To", tokened())
                .header("Subject", "Re: Printer on fire")
                .body(COMMANDS + "\nOn Sun, 22 Nov 2026 at 10:00, Carla <" + CUSTOMER
                        + "> wrote:\n> my printer is on fire.\n"));

        var details = admin().get("/api/v1/tickets/" + ticket);
        assertThat((String) details.json("$.status")).isEqualTo("resolved");
        assertThat((List<String>) details.json("$.tags")).containsExactly("refund");
        assertThat((String) details.json("$.assignee.email")).isEqualTo(ADMIN_EMAIL);
        var reply = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((String) reply.json("$[1].direction")).isEqualTo("outbound");
        assertThat((String) reply.json("$[1].visibleText")).isEqualTo("Your refund is on its way.");
        assertThat((String) reply.json("$[1].body"))
                .startsWith("Your refund is on its way.")
                .contains("> my printer is on fire.")
                .doesNotContain("#status", "#tag", "#assign");
        assertThat(customerEmail()).contains("Your refund is on its way.").doesNotContain("#status", "#tag", "#assign");
        assertThat(steps()).contains("applied: status resolved, tag refund, assign me");
    }

    @Test
    void assignsAnotherStaffMemberAndLeavesAnUnknownAssigneeInTheText() {
        createStaff("Alex", "alex@example.com", "agent");

        deliver(TestMails.from(ADMIN_EMAIL)
                .header("To", tokened())
                .body("Alex takes over.\n#assign alex@example.com\n#priority urgent\n#assign eve@evil.test\n"));

        var details = admin().get("/api/v1/tickets/" + ticket);
        assertThat((String) details.json("$.assignee.email")).isEqualTo("alex@example.com");
        assertThat((String) details.json("$.priority")).isEqualTo("urgent");
        assertThat((String) details.json("$.status")).isEqualTo("in_progress");
        assertThat((String)
                        admin().get("/api/v1/tickets/" + ticket + "/messages").json("$[1].visibleText"))
                .isEqualTo("Alex takes over.\n#assign eve@evil.test");
        assertThat(steps())
                .contains("applied: assign alex@example.com, priority urgent")
                .contains("#assign eve@evil.test")
                .contains("left in the text: no staff member has that address");
    }

    @Test
    void aTeamNoteCarriesCommandsToo() {
        deliver(TestMails.from(ADMIN_EMAIL)
                .header("To", tokened())
                .body("[Reply to Team]\nWaiting for the courier.\n#status pending\n"));

        assertThat((String) admin().get("/api/v1/tickets/" + ticket).json("$.status"))
                .isEqualTo("pending");
        var note = admin().get("/api/v1/tickets/" + ticket + "/messages");
        assertThat((Boolean) note.json("$[1].internal")).isTrue();
        assertThat((String) note.json("$[1].visibleText")).isEqualTo("Waiting for the courier.");
    }

    @Test
    void aCustomerCannotUseCommandsAndTheyStayInTheText() {
        deliver(TestMails.from(CUSTOMER).header("To", tokened()).body(COMMANDS));

        assertNothingApplied();
        assertThat((String)
                        admin().get("/api/v1/tickets/" + ticket + "/messages").json("$[1].visibleText"))
                .contains("#status resolved", "#tag refund", "#assign me");
        assertThat(steps()).contains("command lines left in the text: " + CUSTOMER + " is not a staff member");
    }

    @Test
    void anUnverifiedStaffAddressAppliesNothing() {
        admin().put(
                        "/api/v1/settings/sender-verification",
                        "{\"trustedAuthservIds\": [\"mx.example.com\"], \"requireVerifiedStaff\": false}");

        deliver(TestMails.from(ADMIN_EMAIL)
                .header("To", tokened())
                .header("Authentication-Results", "mx.example.com; dmarc=fail header.from=postdesk.test")
                .body(COMMANDS));

        assertNothingApplied();
        assertThat((List<?>)
                        admin().get("/api/v1/tickets/" + ticket + "/messages").json("$"))
                .hasSize(1);
        assertThat(jdbc.sql("SELECT reason FROM inbound_mails ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                        .query(String.class)
                        .single())
                .isEqualTo("sender_unverified");
    }

    @Test
    void theBareRoutingAddressAppliesNothing() {
        deliver(TestMails.from(ADMIN_EMAIL)
                .header("To", "ticket+" + ticket + "@acme.test")
                .body(COMMANDS));

        assertNothingApplied();
    }

    @Test
    void explainSaysWhatWouldBeAppliedAndChangesNothing() {
        var explained = admin().postRaw(
                        "/api/v1/inbound/explain",
                        "message/rfc822",
                        TestMails.from(ADMIN_EMAIL)
                                .header("To", tokened())
                                .body(COMMANDS)
                                .bytes());

        List<String> details = explained.json("$.steps[?(@.step == 'apply_staff_commands')].detail");
        assertThat(details).containsExactly("would apply: status resolved, tag refund, assign me");
        assertNothingApplied();
    }

    private void assertNothingApplied() {
        var details = admin().get("/api/v1/tickets/" + ticket);
        assertThat((String) details.json("$.status")).isEqualTo("open");
        assertThat((List<?>) details.json("$.tags")).isEmpty();
        assertThat((Object) details.json("$.assignee")).isNull();
    }

    private void deliver(TestMails mail) {
        var response = anonymous().postRaw(WEBHOOK, "message/rfc822", mail.bytes());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private String tokened() {
        return "ticket+" + ticket + "-" + token + "@acme.test";
    }

    private String steps() {
        return jdbc.sql("SELECT steps FROM inbound_mails ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .query(String.class)
                .single();
    }

    /** The text of the reply mailed to the customer, decoded from the outbox row. */
    private String customerEmail() throws Exception {
        String mime = jdbc.sql("SELECT mime FROM outbox WHERE purpose = 'reply' AND ticket_id = ?")
                .param(ticket)
                .query(String.class)
                .single();
        var message = new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
        return text(message.getContent());
    }

    private static String text(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return content instanceof String s ? s : "";
    }
}
