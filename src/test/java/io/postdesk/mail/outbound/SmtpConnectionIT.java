package io.postdesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.postdesk.IntegrationTest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.subethamail.smtp.server.SMTPServer;

/** Test Connection and the three ways of reaching an SMTP server: plain + AUTH, STARTTLS, implicit TLS. */
class SmtpConnectionIT extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(
                    new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("smtp-user", "smtp-password"));

    @Test
    void testConnectionSendsAVerificationMail() throws Exception {
        configure(smtp.getSmtp().getPort(), false, "smtp-user", "smtp-password");

        var result = admin().post("/api/v1/settings/email/test", "{\"to\": \"owner@example.com\"}");

        assertThat(result.status()).isEqualTo(200);
        assertThat((Boolean) result.json("$.ok")).isTrue();
        assertThat((Object) result.json("$.error")).isNull();
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Postdesk test email");
    }

    @Test
    void sendsOverImplicitTls() {
        configure(smtp.getSmtps().getPort(), true, "smtp-user", "smtp-password");

        var result = admin().post("/api/v1/settings/email/test", "{\"to\": \"owner@example.com\"}");

        assertThat((Boolean) result.json("$.ok")).as(result.body()).isTrue();
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void upgradesWithStartTlsWhenTheServerOffersIt() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        int port = OutboundMailIT.freePort();
        SMTPServer server = SMTPServer.port(port)
                .bindAddress(InetAddress.getLoopbackAddress())
                .enableTLS()
                .requireTLS() // refuses MAIL FROM before STARTTLS, so delivery proves the upgrade
                .startTlsSocketFactory(greenMailTlsContext())
                .messageHandler((context, from, to, data) -> received.add(data))
                .build();
        server.start();
        try {
            configure(port, false, "", "");

            var result = admin().post("/api/v1/settings/email/test", "{\"to\": \"owner@example.com\"}");

            assertThat((Boolean) result.json("$.ok")).as(result.body()).isTrue();
            assertThat(received).hasSize(1);
        } finally {
            server.stop();
        }
    }

    @Test
    void explainsAuthenticationFailure() {
        configure(smtp.getSmtp().getPort(), false, "smtp-user", "wrong-password");

        assertThat(testError()).startsWith("Authentication failed");
    }

    @Test
    void explainsRefusedConnection() throws Exception {
        configure(OutboundMailIT.freePort(), false, "", "");

        assertThat(testError()).startsWith("Connection refused");
    }

    @Test
    void explainsUnknownHost() {
        admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "no-such-host.invalid", "port": 587,
                 "fromEmail": "support@acme.test"}""");

        assertThat(testError()).startsWith("Host not found");
    }

    @Test
    void explainsTlsHandshakeFailure() {
        configure(smtp.getSmtp().getPort(), true, "smtp-user", "smtp-password");

        assertThat(testError()).startsWith("TLS handshake failed");
    }

    @Test
    void explainsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            configure(silent.getLocalPort(), false, "", "");

            assertThat(testError()).startsWith("Timed out");
        }
    }

    @Test
    void neverReturnsThePasswordAndStoresItEncrypted() {
        configure(smtp.getSmtp().getPort(), false, "smtp-user", "smtp-password");

        var settings = admin().get("/api/v1/settings/email");

        assertThat(settings.body()).doesNotContain("smtp-password");
        assertThat((Boolean) settings.json("$.passwordSet")).isTrue();
        String stored = jdbc.sql("SELECT setting_value FROM settings WHERE name = 'email.smtp.password'")
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain("smtp-password");
    }

    @Test
    void keepsThePasswordWhenTheFormLeavesItOut() {
        configure(smtp.getSmtp().getPort(), false, "smtp-user", "smtp-password");
        admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "smtp-user",
                 "ssl": false, "fromEmail": "support@acme.test", "fromName": "Renamed"}""".formatted(smtp.getSmtp().getPort()));

        var result = admin().post("/api/v1/settings/email/test", "{\"to\": \"owner@example.com\"}");

        assertThat((Boolean) result.json("$.ok")).as(result.body()).isTrue();
    }

    @Test
    void rejectsHeaderInjectionInSettings() {
        var response = admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": 25,
                 "fromEmail": "support@acme.test", "fromName": "Acme\\r\\nBcc: victim@example.com"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat((String) response.json("$.field")).isEqualTo("fromName");
    }

    @Test
    void settingsAreForAdminsOnly() {
        assertThat(anonymous().get("/api/v1/settings/email").status()).isEqualTo(401);
    }

    private String testError() {
        var result = admin().post("/api/v1/settings/email/test", "{\"to\": \"owner@example.com\"}");
        assertThat(result.status()).isEqualTo(200);
        assertThat((Boolean) result.json("$.ok")).isFalse();
        return result.json("$.error");
    }

    private void configure(int port, boolean ssl, String username, String password) {
        var saved = admin().put("/api/v1/settings/email", """
                {"supportAddress": "help@acme.test", "host": "127.0.0.1", "port": %d, "username": "%s",
                 "password": "%s", "ssl": %s, "fromEmail": "support@acme.test", "fromName": "Acme Support"}""".formatted(port, username, password, ssl));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /** The self-signed certificate GreenMail ships for its TLS ports, reused for the STARTTLS server. */
    private static SSLContext greenMailTlsContext() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
