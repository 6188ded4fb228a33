package io.postdesk.mail.inbound.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.IntegrationTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/** IMAP IDLE: with the poll an hour away, mail still arrives within seconds. */
@TestPropertySource(properties = "postdesk.mail.inbound.mailbox-idle=true")
class MailboxIdleIT extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @Test
    void mailArrivingWhileIdlingIsFetchedAtOnce() throws Exception {
        var support = mailServer.setUser("support@acme.test", "support", "mailbox-secret");
        admin().put("/api/v1/settings/mailbox", """
                {"enabled": true, "protocol": "imap", "host": "127.0.0.1", "port": %d, "ssl": false,
                 "username": "support", "password": "mailbox-secret", "processedFolder": "Processed"}""".formatted(
                        mailServer.getImap().getPort()));
        Thread.sleep(1000); // the watcher signs in and starts to IDLE

        support.deliver(new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(("From: ivy@example.com\r\nTo: support@acme.test\r\nSubject: Pushed\r\n"
                                + "Message-ID: <idle-1@example.com>\r\n\r\nHello\r\n")
                        .getBytes(StandardCharsets.UTF_8))));

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long tickets = 0;
        while (tickets == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            tickets = jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single();
        }
        assertThat(tickets).isEqualTo(1);
        admin().put("/api/v1/settings/mailbox", "{\"enabled\": false}"); // the watcher lets go of the mailbox
    }
}
