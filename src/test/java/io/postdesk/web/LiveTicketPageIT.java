package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The ticket page's one live channel ({@code POST /tickets/{id}/presence}): the collision notice always; the fresh
 * thread and sidebar, out of band, as soon as the ticket changed since the page's {@code seen} (issue 13, defect 8 and
 * "live updates shared by the thread, the sidebar and the collision notice"). The thread polls on its own only while
 * a mail it caused is on its way.
 */
class LiveTicketPageIT extends IntegrationTest {

    @Test
    void theLivePollBringsTheFreshThreadAndSidebarOnlyWhenTheTicketChanged() {
        long ticket = admin().post(
                        "/api/v1/tickets", "{\"subject\": \"Refund please\", \"contactEmail\": \"quinn@example.com\"}")
                .id();
        var session = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        Document page = Jsoup.parse(session.get("/tickets/" + ticket).body());
        String seen = page.getElementById("seen").val();
        assertThat(page.getElementById("presence").attr("hx-include")).isEqualTo("#seen");
        assertThat(page.getElementById("thread").attr("hx-trigger")).isEqualTo("postdesk:thread");
        assertThat(page.getElementById("thread").hasAttr("hx-swap-oob")).isFalse();

        var quiet = Jsoup.parse(session.post("/tickets/" + ticket + "/presence", Map.of("seen", seen))
                .body());
        assertThat(quiet.getElementById("presence")).isNotNull();
        assertThat(quiet.getElementById("sidebar")).isNull();
        assertThat(quiet.getElementById("thread")).isNull();

        // The customer answers and reopens it elsewhere: the next poll carries both.
        admin().post("/api/v1/tickets/" + ticket + "/replies", "{\"body\": \"Any news?\", \"internal\": true}");
        admin().patch("/api/v1/tickets/" + ticket, "{\"status\": \"pending\"}");
        var live = Jsoup.parse(session.post("/tickets/" + ticket + "/presence", Map.of("seen", seen))
                .body());
        assertThat(live.getElementById("presence")).isNotNull();
        assertThat(live.getElementById("sidebar").attr("hx-swap-oob")).isEqualTo("true");
        assertThat(live.getElementById("thread").attr("hx-swap-oob")).isEqualTo("true");
        assertThat(live.select("#status option[selected]").val()).isEqualTo("pending");
        assertThat(live.getElementById("sidebar-notice").text()).contains("Pending");
        assertThat(live.getElementById("thread").text()).contains("Any news?");
        String fresh = live.getElementById("seen").val();
        assertThat(fresh).isNotEqualTo(seen);

        var caughtUp = Jsoup.parse(session.post("/tickets/" + ticket + "/presence", Map.of("seen", fresh))
                .body());
        assertThat(caughtUp.getElementById("sidebar")).isNull();
        // Each id still once on the page the poll answers (defect 1).
        assertThat(live.select("[id=sidebar]")).hasSize(1);
        assertThat(live.select("[id=thread]")).hasSize(1);
    }
}
