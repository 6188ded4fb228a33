package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mail pipe against the running server, with the exit codes an MTA acts on. */
class MailPipeIT extends IntegrationTest {

    private static final String MAIL = "From: Ida <ida@example.com>\r\nTo: support@acme.test\r\nSubject: Piped\r\n"
            + "Message-ID: <piped-1@example.com>\r\n\r\nDelivered by a program.\r\n";

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private int pipe(String mail, Map<String, String> env, String... args) {
        return MailPipe.run(
                args,
                new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(log, true, StandardCharsets.UTF_8),
                env);
    }

    @Test
    void pipesAMailIntoATicket() {
        int status = pipe(MAIL, Map.of("POSTDESK_URL", "http://127.0.0.1:" + port));

        assertThat(status).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("200").contains("created");
        assertThat(jdbc.sql("SELECT subject FROM tickets").query(String.class).list())
                .containsExactly("Piped");
        assertThat(pipe(MAIL, Map.of(), "--url=http://127.0.0.1:" + port)).isZero(); // a duplicate is taken too
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void signsWithTheWebhookSecretAndAsksTheMtaToRetryWhenItIsWrong(@TempDir Path dir) throws Exception {
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"a-very-long-webhook-secret\"}");
        Path secret = Files.writeString(dir.resolve("secret"), "a-very-long-webhook-secret\n");

        int unsigned = pipe(MAIL, Map.of(), "--url=http://127.0.0.1:" + port);
        int wrong = pipe(MAIL, Map.of("POSTDESK_WEBHOOK_SECRET", "not-the-secret"), "--url=http://127.0.0.1:" + port);
        int signed = pipe(MAIL, Map.of(), "--url=http://127.0.0.1:" + port, "--secret-file=" + secret);

        assertThat(unsigned).isEqualTo(MailPipe.TEMPORARY_FAILURE);
        assertThat(wrong).isEqualTo(MailPipe.TEMPORARY_FAILURE);
        assertThat(signed).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void bouncesWhatIsNoMailAndDefersWhenTheServerIsDown() throws Exception {
        int garbage = pipe("", Map.of(), "--url=http://127.0.0.1:" + port);
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        int down = pipe(MAIL, Map.of(), "--url=http://127.0.0.1:" + freePort);
        int usage = pipe(MAIL, Map.of(), "--verbose");

        assertThat(garbage).isEqualTo(MailPipe.DATA_ERROR);
        assertThat(down).isEqualTo(MailPipe.TEMPORARY_FAILURE);
        assertThat(usage).isEqualTo(MailPipe.USAGE);
    }
}
