package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors the application does not answer itself are pages in the dashboard's look, never the framework's own. */
class ErrorPagesIT extends IntegrationTest {

    @Test
    void anAgentOpeningSettingsGetsAForbiddenPageInTheDashboardsLook() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/team");
        var created = admin.post(
                "/settings/staff",
                Map.of(
                        "name",
                        "Ann",
                        "email",
                        "ann@postdesk.test",
                        "role",
                        "agent",
                        "password",
                        "violet-harbour-lantern-42"));
        assertThat(created.statusCode()).isEqualTo(200);
        var agent = WebSession.staff(port, "ann@postdesk.test", "violet-harbour-lantern-42")
                .withHeader("Accept", "text/html");

        var page = agent.get("/settings");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body())
                .contains("You do not have access to this page")
                .contains("postdesk.css")
                .doesNotContain("Whitelabel")
                .doesNotContain("Exception");
    }

    @Test
    void anUnknownPageIsANotFoundPageWithAWayBack() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("Accept", "text/html");

        var page = admin.get("/no-such-page");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body())
                .contains("Page not found")
                .contains("Back to tickets")
                .doesNotContain("Whitelabel");
    }

    @Test
    void theFaviconIsServedWithoutSigningIn() throws Exception {
        var http = HttpClient.newHttpClient();
        for (String path : new String[] {"/favicon.ico", "/favicon.svg"}) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isNotEmpty();
        }
    }
}
