package io.postdesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.PostdeskApplication;
import io.postdesk.WebSession;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions live in the database (Spring Session JDBC), so a second instance on the same database honours a sign-in
 * made on the first: what a balancer without stickiness needs. The portal keeps its own security context key inside
 * the shared session, so a staff session still does not open the portal.
 */
class SharedSessionIT extends IntegrationTest {

    private static ConfigurableApplicationContext second;

    @Autowired
    private Environment environment;

    @Autowired
    private JdbcIndexedSessionRepository sessions;

    @BeforeEach
    void startSecondNode() {
        if (second == null) {
            second = new SpringApplicationBuilder(PostdeskApplication.class)
                    // Command-line arguments, as an operator starts a node: they outrank application.yaml.
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                            "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                            "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                            "--postdesk.data-dir=" + environment.getProperty("postdesk.data-dir") + "-second",
                            "--postdesk.settings.secret-key=integration-test-key",
                            "--postdesk.staff.bootstrap-admin-email=" + ADMIN_EMAIL,
                            "--postdesk.staff.bootstrap-admin-password=" + ADMIN_PASSWORD,
                            "--postdesk.staff.bootstrap-api-token=" + ADMIN_TOKEN,
                            "--postdesk.mail.outbound.worker-enabled=false",
                            "--postdesk.mail.inbound.mailbox-poll-interval=1h",
                            "--postdesk.mail.inbound.mailbox-idle=false",
                            "--spring.main.banner-mode=off");
        }
        jdbc.sql("DELETE FROM SPRING_SESSION").update();
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    private static int secondPort() {
        return ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    @Test
    void aSignInOnOneNodeIsValidOnTheOther() {
        WebSession browser = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);

        browser.switchTo(secondPort());
        var dashboard = browser.get("/");

        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("_csrf");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        // The staff context sits under its own key: the portal on either node still asks a customer to sign in.
        assertThat(browser.get("/portal").statusCode()).isEqualTo(302);
    }

    @Test
    void aCsrfTokenFromOneNodeIsAcceptedByTheOtherAndSignOutEndsTheSessionEverywhere() {
        WebSession browser = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        browser.get("/");

        browser.switchTo(secondPort());
        var signedOut = browser.post("/logout", Map.of());
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElse("")).doesNotContain("error");

        browser.switchTo(port);
        var afterSignOut = browser.get("/");
        assertThat(afterSignOut.statusCode()).isEqualTo(302);
        assertThat(afterSignOut.headers().firstValue("Location").orElse("")).contains("/login");
    }

    @Test
    void aFileUploadedThroughOneNodeIsDownloadedThroughTheOther() {
        byte[] content = "stored in the database".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long ticketId =
                admin().post("/api/v1/tickets", "{\"subject\": \"with file\"}").id();
        long attachmentId = admin().multipart(
                        "/api/v1/tickets/" + ticketId + "/replies", Map.of("body", "file"), Map.of("a.txt", content))
                .number("$.message.attachments[0].id");

        var download = new io.postdesk.ApiClient(secondPort(), ADMIN_TOKEN).get("/api/v1/attachments/" + attachmentId);

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(content);
    }

    @Test
    void expiredSessionsAreDeleted() {
        WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        WebSession.staff(secondPort(), ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(count()).isEqualTo(2L);
        jdbc.sql(
                        "UPDATE SPRING_SESSION SET EXPIRY_TIME = ? WHERE SESSION_ID = (SELECT MIN(SESSION_ID) FROM SPRING_SESSION)")
                .param(System.currentTimeMillis() - 1000)
                .update();

        sessions.cleanUpExpiredSessions();

        assertThat(count()).isEqualTo(1L);
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Long.class).single();
    }
}
