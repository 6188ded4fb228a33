package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Settings as sub-pages: {@code /settings} lands on the first one, each page marks itself (and only itself) as the
 * current page in the shared sub-navigation, and a form answers with "Saved" or its failure next to it.
 */
class SettingsPagesIT extends IntegrationTest {

    static final List<String> SUB_PAGES =
            List.of("email", "mailbox", "inbound", "spam", "team", "api", "branding", "ai", "saved-replies");

    @Test
    void settingsRedirectsToTheFirstSubPage() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);

        var answer = admin.get("/settings");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/settings/email");
    }

    @Test
    void everySubPageIsMarkedCurrentInTheSharedNavigation() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);

        for (String name : SUB_PAGES) {
            var page = admin.get("/settings/" + name);
            assertThat(page.statusCode()).as(name).isEqualTo(200);
            var html = Jsoup.parse(page.body());
            var nav = html.select("nav.settings-nav a");
            assertThat(nav).as(name).hasSize(SUB_PAGES.size());
            assertThat(html.select("nav.settings-nav a[aria-current=page]").eachAttr("href"))
                    .as(name)
                    .containsExactly("/settings/" + name);
        }
    }

    @Test
    void eachSubPageHoldsItsOwnSections() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(Jsoup.parse(admin.get("/settings/email").body()).select("#email-form, #outbox"))
                .hasSize(2);
        assertThat(Jsoup.parse(admin.get("/settings/api").body()).select("#tokens, #webhook"))
                .hasSize(2);
        var inbound = Jsoup.parse(admin.get("/settings/inbound").body());
        assertThat(inbound.select("#helpdesk, #sender-verification, #inbound-log"))
                .hasSize(3);
        assertThat(inbound.select("#email-form, #tokens, #staff")).isEmpty();
    }

    @Test
    void brandingIsSavedOrRefusedNextToItsForm() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/branding");

        var saved = admin.post("/settings/branding", Map.of("name", "Acme Help", "color", "#112233"));
        var refused = admin.post("/settings/branding", Map.of("name", "Acme Help", "color", "red"));

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(saved.body())
                        .select("#branding-saved[role=status]")
                        .text())
                .isEqualTo("Saved.");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.body())
                        .select("#branding-error[role=alert]")
                        .text())
                .contains("Color: must be a colour");
        assertThat(Jsoup.parse(admin.get("/settings/branding").body())
                        .select("#branding-color")
                        .attr("value"))
                .isEqualTo("#112233");
    }

    @Test
    void theWebhookSecretAndTheSpamListSaySaved() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/api");

        var secret = admin.post("/settings/webhook", Map.of("secret", "a-very-long-webhook-secret"));
        var spam = admin.post("/settings/spam", Map.of("entry", "*@spam.example"));

        assertThat(Jsoup.parse(secret.body()).select("#webhook-saved").text()).isEqualTo("Saved.");
        assertThat(Jsoup.parse(spam.body()).select("#spam-saved").text()).isEqualTo("Added.");
    }

    @Test
    void anAgentIsRefusedEverySubPage() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/team");
        admin.post(
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
        var agent = WebSession.staff(port, "ann@postdesk.test", "violet-harbour-lantern-42")
                .withHeader("Accept", "text/html");

        for (String name : SUB_PAGES) {
            assertThat(agent.get("/settings/" + name).statusCode()).as(name).isEqualTo(403);
        }
    }
}
