package io.postdesk.mail.inbound.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.IntegrationTest;
import io.postdesk.mail.inbound.MemoryBudget;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The mailbox channel against a real IMAP/POP3 server (GreenMail): fetch, store, then move, mark or delete. */
class MailboxIT extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension mailServer = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort()});

    private GreenMailUser support;

    @Autowired
    MemoryBudget budget;

    @BeforeEach
    void mailbox() {
        support = mailServer.setUser("support@acme.test", "support", "mailbox-secret");
    }

    private static String mail(String from, String subject, String messageId) {
        return "From: " + from + "\r\nTo: support@acme.test\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
                + "\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\nHello from " + from + "\r\n";
    }

    private void deliver(String raw) throws Exception {
        support.deliver(new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private void configure(String protocol, int port, String processedFolder, String password) {
        var saved = admin().put("/api/v1/settings/mailbox", """
                {"enabled": true, "protocol": "%s", "host": "127.0.0.1", "port": %d, "ssl": false,
                 "username": "support", "password": "%s", "processedFolder": "%s"}""".formatted(protocol, port, password, processedFolder));
        assertThat(saved.status()).isEqualTo(200);
    }

    private Store imap() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mailServer.getImap().getPort(), "support", "mailbox-secret");
        return store;
    }

    private long tickets() {
        return jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single();
    }

    @Test
    void imapMailBecomesTicketsAndIsMovedToTheProcessedFolder() throws Exception {
        deliver(mail("ann@example.com", "Broken printer", "<imap-1@example.com>"));
        deliver(mail("ben@example.com", "Refund please", "<imap-2@example.com>"));
        configure("imap", mailServer.getImap().getPort(), "Processed", "mailbox-secret");

        var poll = admin().post("/api/v1/settings/mailbox/fetch", "{}");

        assertThat(poll.status()).isEqualTo(200);
        assertThat(((Number) poll.json("$.fetched")).intValue()).isEqualTo(2);
        assertThat((Object) poll.json("$.error")).isNull();
        assertThat(tickets()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT channel FROM inbound_mails")
                        .query(String.class)
                        .list())
                .containsOnly("imap");
        try (Store store = imap()) {
            assertThat(store.getFolder("INBOX").getMessageCount()).isZero();
            assertThat(store.getFolder("Processed").getMessageCount()).isEqualTo(2);
        }
        assertThat(((Number) admin().post("/api/v1/settings/mailbox/fetch", "{}")
                                .json("$.fetched"))
                        .intValue())
                .isZero();
        assertThat((String) admin().get("/api/v1/settings/mailbox").json("$.lastPoll.at"))
                .isNotBlank();
    }

    @Test
    void withoutAProcessedFolderImapMailIsMarkedSeenAndFetchedOnce() throws Exception {
        deliver(mail("cleo@example.com", "Question", "<imap-3@example.com>"));
        configure("imap", mailServer.getImap().getPort(), "", "mailbox-secret");

        admin().post("/api/v1/settings/mailbox/fetch", "{}");
        var second = admin().post("/api/v1/settings/mailbox/fetch", "{}");

        assertThat(((Number) second.json("$.fetched")).intValue()).isZero();
        assertThat(tickets()).isEqualTo(1);
        try (Store store = imap()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).isSet(Flags.Flag.SEEN)).isTrue();
            inbox.close(false);
        }
    }

    @Test
    void pop3MailIsDeletedFromTheServerOnceStored() throws Exception {
        deliver(mail("dora@example.com", "Via POP3", "<pop-1@example.com>"));
        configure("pop3", mailServer.getPop3().getPort(), "", "mailbox-secret");

        var poll = admin().post("/api/v1/settings/mailbox/fetch", "{}");

        assertThat(((Number) poll.json("$.fetched")).intValue()).isEqualTo(1);
        assertThat(tickets()).isEqualTo(1);
        assertThat(mailServer.getReceivedMessagesForDomain("acme.test")).isEmpty();
    }

    @Test
    void aMailFetchedTwiceIsADuplicateNotASecondTicket() throws Exception {
        String raw = mail("eve@example.com", "Twice", "<twice@example.com>");
        deliver(raw);
        configure("imap", mailServer.getImap().getPort(), "Processed", "mailbox-secret");
        admin().post("/api/v1/settings/mailbox/fetch", "{}");
        deliver(raw); // e.g. another instance fetched it before the move, or the provider delivered it again

        admin().post("/api/v1/settings/mailbox/fetch", "{}");

        assertThat(tickets()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void wrongPasswordIsExplainedAndNothingIsTouched() throws Exception {
        deliver(mail("fay@example.com", "Still here", "<kept@example.com>"));
        configure("imap", mailServer.getImap().getPort(), "Processed", "wrong-secret");

        var check = admin().post("/api/v1/settings/mailbox/test", "{}");
        var poll = admin().post("/api/v1/settings/mailbox/fetch", "{}");

        assertThat((Boolean) check.json("$.ok")).isFalse();
        assertThat((String) check.json("$.error")).startsWith("Sign-in failed");
        assertThat((String) poll.json("$.error")).startsWith("Sign-in failed");
        assertThat(tickets()).isZero();
        try (Store store = imap()) {
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void settingsNeverReturnThePasswordAndAreForAdminsOnly() {
        configure("imap", mailServer.getImap().getPort(), "Processed", "mailbox-secret");

        var settings = admin().get("/api/v1/settings/mailbox");
        var agent = newAgent("agent@acme.test").get("/api/v1/settings/mailbox");
        var invalid = admin().put("/api/v1/settings/mailbox", "{\"protocol\": \"smoke-signals\"}");

        assertThat(settings.body()).doesNotContain("mailbox-secret");
        assertThat((Boolean) settings.json("$.passwordSet")).isTrue();
        assertThat(agent.status()).isEqualTo(403);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat((String) invalid.json("$.field")).isEqualTo("protocol");
        var check = admin().post("/api/v1/settings/mailbox/test", "{}");
        assertThat((Boolean) check.json("$.ok")).isTrue();
    }

    @Test
    void aMailOverTheMemoryBudgetStaysOnTheServerForTheNextFetch() throws Exception {
        deliver(mail("uma@example.com", "Busy server", "<budget-1@example.com>"));
        configure("imap", mailServer.getImap().getPort(), "Processed", "mailbox-secret");

        int deferred;
        try (var everything = budget.reserve(Long.MAX_VALUE)) {
            deferred = fetchNow();
        }

        assertThat(deferred).isZero();
        assertThat(tickets()).isZero();
        try (Store store = imap()) {
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(1);
        }
        assertThat(fetchNow()).isEqualTo(1);
        assertThat(tickets()).isEqualTo(1);
        try (Store store = imap()) {
            assertThat(store.getFolder("INBOX").getMessageCount()).isZero();
        }
    }

    private int fetchNow() {
        var poll = admin().post("/api/v1/settings/mailbox/fetch", "{}");
        assertThat(poll.status()).as(poll.body()).isEqualTo(200);
        return ((Number) poll.json("$.fetched")).intValue();
    }
}
