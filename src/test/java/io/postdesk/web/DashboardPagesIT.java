package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages as markup: every element id once (a fragment drawn twice polls twice and points labels at the
 * wrong control), every label pointing at a control that exists.
 */
class DashboardPagesIT extends IntegrationTest {

    @Test
    void everyDashboardPageHasEachIdOnceAndNoLabelPointsNowhere() {
        long ticket = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"Printer jammed\", \"contactEmail\": \"pat@example.com\"}")
                .id();
        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"Looking into it.\"}");
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("Accept", "text/html");

        var paths = new java.util.ArrayList<>(List.of("/", "/tickets/" + ticket));
        SettingsPagesIT.SUB_PAGES.forEach(name -> paths.add("/settings/" + name));
        for (String path : paths) {
            var page = session.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            Document html = Jsoup.parse(page.body());

            assertThat(duplicateIds(html))
                    .as("ids drawn more than once on " + path)
                    .isEmpty();
            assertThat(html.select("label[for]").stream()
                            .map(label -> label.attr("for"))
                            .filter(id -> html.getElementById(id) == null)
                            .toList())
                    .as("labels on " + path + " pointing at no control")
                    .isEmpty();
        }
    }

    @Test
    void theDashboardSearchFindsTeamNotesShowsWhereAndSortsByBestMatch() {
        long titled = admin().post("/api/v1/tickets", "{\"subject\": \"Gryphonix gryphonix\"}")
                .id();
        long noted =
                admin().post("/api/v1/tickets", "{\"subject\": \"Quiet one\"}").id();
        admin().post(
                        "/api/v1/tickets/" + noted + "/replies",
                        "{\"body\": \"Call back re <b>gryphonix</b>\", \"internal\": true}");
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("Accept", "text/html");

        Document newest = Jsoup.parse(session.get("/?q=gryphonix").body());
        assertThat(newest.select("tr[data-ticket]").eachAttr("data-ticket"))
                .containsExactly(String.valueOf(noted), String.valueOf(titled));
        assertThat(newest.select("tr[data-ticket=" + noted + "] mark").text()).isEqualTo("gryphonix");
        assertThat(newest.html()).doesNotContain("<b>gryphonix");
        String best = newest.select("#search-order a").attr("href");
        assertThat(best).contains("sort=relevance");

        Document ranked = Jsoup.parse(session.get(best).body());
        assertThat(ranked.select("tr[data-ticket]").eachAttr("data-ticket"))
                .containsExactly(String.valueOf(titled), String.valueOf(noted));
        assertThat(ranked.select("#search-order a").text()).isEqualTo("Newest first");
    }

    @Test
    void theWebhookAddressStaysOnTheSettingsPageAfterTheSecretIsSavedOrCleared() {
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        session.get("/settings/api");

        var saved = session.post("/settings/webhook", java.util.Map.of("secret", "a-very-long-webhook-secret"));
        var cleared = session.post("/settings/webhook", java.util.Map.of("secret", ""));

        for (var answer : List.of(saved, cleared)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(answer.body()).select("#webhook code").text())
                    .endsWith("/api/tickets/inbound-email");
        }
        assertThat(saved.body()).contains("A signing secret is set");
        assertThat(cleared.body()).contains("No signing secret");
    }

    @Test
    void aSidebarChangeOverAStateThePageDidNotShowIsRefusedWithTheFreshState() {
        long ticket = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"Refund please\", \"contactEmail\": \"quinn@example.com\"}")
                .id();
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        String seen = Jsoup.parse(session.get("/tickets/" + ticket).body())
                .getElementById("seen")
                .val();
        // Meanwhile the ticket moves on (a colleague, or the customer reopening it).
        admin().patch("/api/v1/tickets/" + ticket, "{\"status\": \"pending\"}");

        var stale =
                session.post("/tickets/" + ticket + "/status", java.util.Map.of("status", "resolved", "seen", seen));

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("X-Postdesk-Stale")).hasValue("true");
        Document fresh = Jsoup.parse(stale.body());
        assertThat(fresh.getElementById("sidebar-notice").text()).contains("changed while you had it open");
        assertThat(fresh.select("#status option[selected]").val()).isEqualTo("pending");
        assertThat((String) admin().get("/api/v1/tickets/" + ticket).json("$.status"))
                .isEqualTo("pending");

        var saved = session.post(
                "/tickets/" + ticket + "/status",
                java.util.Map.of(
                        "status",
                        "resolved",
                        "seen",
                        fresh.getElementById("seen").val()));

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(saved.body()).getElementById("sidebar-notice").text())
                .isEqualTo("Status set to Resolved.");
        assertThat((String) admin().get("/api/v1/tickets/" + ticket).json("$.status"))
                .isEqualTo("resolved");
    }

    @Test
    void anAgentGetsAPortalSignInLinkToHandOverThatWorksOnce() throws Exception {
        long ticket = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"Cannot sign in\", \"contactEmail\": \"rui@example.com\"}")
                .id();
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        session.get("/tickets/" + ticket);

        var sidebar = session.post("/tickets/" + ticket + "/portal-link", java.util.Map.of());

        assertThat(sidebar.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(sidebar.body());
        String url = html.getElementById("portal-link-url").val();
        assertThat(url).contains("/portal/sign-in?token=");
        assertThat(html.select(".portal-link label").text())
                .contains("rui@example.com")
                .contains("valid until");
        String path = url.substring(url.indexOf("/portal/"));
        var customer = java.net.http.HttpClient.newHttpClient();
        var first = customer.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var again = customer.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/portal");
        assertThat(again.body()).contains("expired or was already used");
    }

    @Test
    void theHelpdeskSwitchSaysWhatItSaved() {
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        session.get("/settings/inbound");

        var off = session.post("/settings/helpdesk", java.util.Map.of());
        var on = session.post("/settings/helpdesk", java.util.Map.of("enabled", "true"));

        assertThat(Jsoup.parse(off.body()).getElementById("helpdesk-saved").text())
                .isEqualTo("Saved: new email no longer opens tickets; replies to existing ones still arrive.");
        assertThat(Jsoup.parse(on.body()).getElementById("helpdesk-saved").text())
                .isEqualTo("Saved: new email now opens tickets.");
    }

    private static Set<String> duplicateIds(Document html) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new HashSet<>();
        for (Element element : html.select("[id]")) {
            if (!seen.add(element.id())) {
                twice.add(element.id());
            }
        }
        return twice;
    }
}
