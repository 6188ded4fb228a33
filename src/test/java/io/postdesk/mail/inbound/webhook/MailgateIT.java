package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.postdesk.IntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/main/dist/postdesk-mailgate}, the sh/curl/openssl twin of {@link MailPipe}, against the running server:
 * the same tickets, the same signature (also for a secret longer than HMAC's 64-byte block) and the same exit codes.
 * Skips where sh, curl or openssl is missing.
 */
class MailgateIT extends IntegrationTest {

    private static final Path SCRIPT = Path.of("src", "main", "dist", "postdesk-mailgate");
    private static final String MAIL = "From: Ida <ida@example.com>\r\nTo: support@acme.test\r\nSubject: Gated\r\n"
            + "Message-ID: <gated-1@example.com>\r\n\r\nDelivered by the mail gate.\r\n";

    private String log = "";

    @BeforeAll
    static void toolsPresent() {
        for (String tool : List.of("sh", "curl", "openssl")) {
            assumeThat(onPath(tool))
                    .as(tool + " is not installed: the mail gate cannot be tested")
                    .isTrue();
        }
        assumeThat(Files.isRegularFile(SCRIPT))
                .as("run from the project directory")
                .isTrue();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private int gate(String mail, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("POSTDESK_URL");
        builder.environment().remove("POSTDESK_WEBHOOK_SECRET");
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(mail.getBytes(StandardCharsets.UTF_8));
        } catch (IOException closedEarly) {
            // The gate may exit before reading all of stdin (bad arguments, server down), as it may under an MTA;
            // its exit code is what is checked.
        }
        log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Test
    void gatesAMailIntoATicket() throws Exception {
        int status = gate(MAIL, Map.of("POSTDESK_URL", "http://127.0.0.1:" + port + "/"));

        assertThat(status).as(log).isZero();
        assertThat(log).contains("200").contains("created");
        assertThat(jdbc.sql("SELECT subject FROM tickets").query(String.class).list())
                .containsExactly("Gated");
        assertThat(gate(MAIL, Map.of(), "--url=http://127.0.0.1:" + port)).isZero(); // a duplicate is taken too
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void signsLikeTheJavaPipeAndAsksTheMtaToRetryWhenTheSecretIsWrong(@TempDir Path dir) throws Exception {
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"a-very-long-webhook-secret\"}");
        Path secret = Files.writeString(dir.resolve("secret"), "a-very-long-webhook-secret\n");

        int unsigned = gate(MAIL, Map.of(), "--url=http://127.0.0.1:" + port);
        int wrong = gate(MAIL, Map.of("POSTDESK_WEBHOOK_SECRET", "not-the-secret"), "--url=http://127.0.0.1:" + port);
        int signed = gate(MAIL, Map.of(), "--url=http://127.0.0.1:" + port, "--secret-file=" + secret);

        assertThat(unsigned).isEqualTo(MailPipe.TEMPORARY_FAILURE);
        assertThat(wrong).isEqualTo(MailPipe.TEMPORARY_FAILURE);
        assertThat(signed).as(log).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_mails")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void signsWithASecretLongerThanTheHmacBlock() throws Exception {
        String secret = "s3cret-".repeat(12) + "ünïcode"; // 91 bytes: HMAC hashes the key first
        admin().put("/api/v1/settings/webhook", "{\"secret\": \"" + secret + "\"}");

        assertThat(gate(MAIL, Map.of("POSTDESK_WEBHOOK_SECRET", secret), "--url=http://127.0.0.1:" + port))
                .as(log)
                .isZero();
        assertThat(log).contains("created");
    }

    @Test
    void bouncesWhatIsNoMailAndDefersWhenTheServerIsDown() throws Exception {
        int garbage = gate("", Map.of(), "--url=http://127.0.0.1:" + port);
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        int down = gate(MAIL, Map.of(), "--url=http://127.0.0.1:" + freePort);
        String downLog = log;
        int usage = gate(MAIL, Map.of(), "--verbose");
        int notUrl = gate(MAIL, Map.of(), "--url=ftp://127.0.0.1");

        assertThat(garbage).isEqualTo(MailPipe.DATA_ERROR);
        assertThat(down).isEqualTo(MailPipe.TEMPORARY_FAILURE);
        assertThat(downLog).contains("cannot reach");
        assertThat(usage).isEqualTo(MailPipe.USAGE);
        assertThat(notUrl).isEqualTo(MailPipe.USAGE);
    }
}
