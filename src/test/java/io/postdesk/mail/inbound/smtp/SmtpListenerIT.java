package io.postdesk.mail.inbound.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.mail.inbound.MemoryBudget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The built-in SMTP listener, spoken to line by line like an MTA would. */
@TestPropertySource(
        properties = {
            "postdesk.mail.inbound.smtp.enabled=true",
            "postdesk.mail.inbound.smtp.port=0",
            "postdesk.mail.inbound.smtp.domains=acme.test",
            "postdesk.mail.inbound.max-size=4KB",
            "postdesk.mail.inbound.memory-wait=200ms"
        })
class SmtpListenerIT extends IntegrationTest {

    @Autowired
    SmtpListener listener;

    @Autowired
    MemoryBudget budget;

    /** A minimal SMTP client: each call sends one line and returns the server's (last) reply line. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            reply(); // greeting
        }

        String send(String line) throws Exception {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        private String reply() throws Exception {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static String message(String messageId, String body) {
        return "From: Hana <hana@example.com>\r\nTo: support@acme.test\r\nSubject: Via SMTP\r\nMessage-ID: " + messageId
                + "\r\n\r\n" + body + "\r\n.";
    }

    @Test
    void anMtaHandsOverMailThatBecomesATicket() throws Exception {
        try (Client smtp = new Client(listener.port())) {
            assertThat(smtp.send("EHLO mta.example.com")).startsWith("250");
            assertThat(smtp.send("MAIL FROM:<hana@example.com>")).startsWith("250");
            assertThat(smtp.send("RCPT TO:<support@acme.test>")).startsWith("250");
            assertThat(smtp.send("DATA")).startsWith("354");
            assertThat(smtp.send(message("<smtp-1@example.com>", "My order never came.\r\n..a line with a dot")))
                    .startsWith("250");
            assertThat(smtp.send("QUIT")).startsWith("221");
        }

        assertThat(jdbc.sql("SELECT subject FROM tickets").query(String.class).list())
                .containsExactly("Via SMTP");
        var stored = jdbc.sql("SELECT channel, envelope_from, envelope_to FROM inbound_mails")
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .single();
        assertThat(stored).isEqualTo("smtp hana@example.com support@acme.test");
        byte[] raw =
                jdbc.sql("SELECT raw FROM inbound_mails").query(byte[].class).single();
        assertThat(new String(raw, StandardCharsets.UTF_8))
                .contains("\r\n.a line with a dot")
                .doesNotContain("Received:");
    }

    @Test
    void refusesOtherDomainsOversizedMailAndNeverRelays() throws Exception {
        try (Client smtp = new Client(listener.port())) {
            smtp.send("EHLO mta.example.com");
            smtp.send("MAIL FROM:<spammer@example.net>");
            assertThat(smtp.send("RCPT TO:<victim@elsewhere.example>")).startsWith("550");
            assertThat(smtp.send("RCPT TO:<support@acme.test>")).startsWith("250");
            assertThat(smtp.send("DATA")).startsWith("354");
            assertThat(smtp.send(message("<too-big@example.com>", "x".repeat(6000))))
                    .startsWith("552");
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aSecondDeliveryOfTheSameMailIsAcceptedButNotDoubled() throws Exception {
        for (int i = 0; i < 2; i++) {
            try (Client smtp = new Client(listener.port())) {
                smtp.send("HELO mta.example.com");
                smtp.send("MAIL FROM:<hana@example.com>");
                smtp.send("RCPT TO:<support@acme.test>");
                smtp.send("DATA");
                assertThat(smtp.send(message("<same@example.com>", "Again?"))).startsWith("250");
            }
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aMailOverTheMemoryBudgetIsDeferredWith451AndTakenOnTheRetry() throws Exception {
        try (Client smtp = new Client(listener.port())) {
            smtp.send("EHLO mta.example.com");
            smtp.send("MAIL FROM:<hana@example.com>");
            smtp.send("RCPT TO:<support@acme.test>");
            // Held before DATA: the listener reserves room the moment the message starts to arrive.
            try (var everything = budget.reserve(Long.MAX_VALUE)) {
                assertThat(smtp.send("DATA")).startsWith("354");
                assertThat(smtp.send(message("<busy@example.com>", "Later, then.")))
                        .startsWith("451 4.3.1");
            }
            // The session goes on: the MTA's retry (here on the same connection) is taken.
            smtp.send("RSET");
            smtp.send("MAIL FROM:<hana@example.com>");
            smtp.send("RCPT TO:<support@acme.test>");
            smtp.send("DATA");
            assertThat(smtp.send(message("<busy@example.com>", "Later, then."))).startsWith("250");
        }

        assertThat(jdbc.sql("SELECT internet_message_id FROM inbound_mails")
                        .query(String.class)
                        .list())
                .containsExactly("<busy@example.com>");
        assertThat(budget.availableBytes()).isEqualTo(budget.totalBytes());
    }
}
