package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Staff management in Settings and {@code PATCH /api/v1/staff/{id}}: a deactivated member keeps their tickets but
 * cannot sign in, loses their open session and their API tokens; the last active admin cannot be demoted or
 * deactivated; a role change applies to a session already open.
 */
class StaffManagementIT extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void deactivatingEndsSignInSessionsAndTokensButKeepsTheirTickets() {
        long ann = member("ann@postdesk.test", "agent");
        String token = tokenFor(ann);
        long ticket = admin().post("/api/v1/tickets", "{\"subject\": \"S\", \"contactEmail\": \"c@example.com\"}")
                .id();
        assertThat(admin().patch("/api/v1/tickets/" + ticket, "{\"assigneeId\": " + ann + "}")
                        .status())
                .isEqualTo(200);
        var session = WebSession.staff(port, "ann@postdesk.test", PASSWORD);
        assertThat(session.get("/tickets/" + ticket).statusCode()).isEqualTo(200);
        assertThat(as(token).get("/api/v1/tickets/" + ticket).status()).isEqualTo(200);

        var admin = adminSession();
        var done = admin.post("/settings/staff/" + ann + "/deactivate", Map.of());

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(done.body())
                        .select("tr[data-staff=" + ann + "] .staff-status")
                        .text())
                .isEqualTo("Deactivated");
        // The open session is over: the next page sends them to sign in.
        var after = session.get("/tickets/" + ticket);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(as(token).get("/api/v1/tickets/" + ticket).status()).isEqualTo(401);
        assertThatThrownBy(() -> WebSession.staff(port, "ann@postdesk.test", PASSWORD))
                .isInstanceOf(IllegalStateException.class);
        assertThat(admin().get("/api/v1/tickets/" + ticket).<Integer>json("$.assignee.id"))
                .isEqualTo((int) ann);

        assertThat(admin.post("/settings/staff/" + ann + "/reactivate", Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(WebSession.staff(port, "ann@postdesk.test", PASSWORD)
                        .get("/")
                        .statusCode())
                .isEqualTo(200);
        assertThat(as(token).get("/api/v1/tickets/" + ticket).status()).isEqualTo(200);
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() {
        var admin = adminSession();
        long me = adminId();

        var demote = admin.post("/settings/staff/" + me, Map.of("name", "Admin", "role", "agent"));
        var deactivate = admin.post("/settings/staff/" + me + "/deactivate", Map.of());

        assertThat(demote.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(demote.body()).select("#staff .error").text()).contains("last active admin");
        assertThat(deactivate.statusCode()).isEqualTo(422);
        assertThat(admin().patch("/api/v1/staff/" + me, "{\"active\": false}").status())
                .isEqualTo(409);
        assertThat(admin().patch("/api/v1/staff/" + me, "{\"role\": \"agent\"}").status())
                .isEqualTo(409);
        assertThat(admin().get("/api/v1/staff/me").<String>json("$.role")).isEqualTo("admin");

        // With a second active admin, either may step down.
        long bo = member("bo@postdesk.test", "admin");
        assertThat(admin().patch("/api/v1/staff/" + bo, "{\"active\": false}").status())
                .isEqualTo(200);
        assertThat(admin().patch("/api/v1/staff/" + me, "{\"role\": \"agent\"}").status())
                .isEqualTo(409);
        assertThat(admin().patch("/api/v1/staff/" + bo, "{\"active\": true}").status())
                .isEqualTo(200);
        var demoted = admin().patch("/api/v1/staff/" + bo, "{\"role\": \"agent\", \"name\": \"Bo B\"}");
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.<String>json("$.name")).isEqualTo("Bo B");
        assertThat(demoted.<String>json("$.role")).isEqualTo("agent");
    }

    @Test
    void aRoleChangeAppliesToAnOpenSessionAndATemporaryPasswordSignsIn() {
        long cy = member("cy@postdesk.test", "admin");
        var session = WebSession.staff(port, "cy@postdesk.test", PASSWORD);
        assertThat(session.get("/settings/team").statusCode()).isEqualTo(200);

        var admin = adminSession();
        assertThat(admin.post("/settings/staff/" + cy, Map.of("name", "Cy", "role", "agent"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(session.get("/settings/team").statusCode()).isEqualTo(403);

        var weak = admin.post("/settings/staff/" + cy + "/password", Map.of("password", "short"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(admin.post("/settings/staff/" + cy + "/password", Map.of("password", "temporary pass 2026 xyz"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(WebSession.staff(port, "cy@postdesk.test", "temporary pass 2026 xyz")
                        .get("/")
                        .statusCode())
                .isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.postdesk.staff.StaffDirectory directory;

    @Test
    void aDeactivatedMembersMailIsNoLongerStaffMail() {
        long ann = member("ann@postdesk.test", "agent");
        var address = new io.postdesk.shared.EmailAddress("ann@postdesk.test");
        assertThat(directory.isStaff(address)).isTrue();

        directory.deactivate(ann);
        assertThat(directory.isStaff(address)).isFalse();

        directory.reactivate(ann);
        assertThat(directory.isStaff(address)).isTrue();
    }

    @Test
    void agentsCannotManageStaff() {
        long ann = member("ann@postdesk.test", "agent");
        long dee = member("dee@postdesk.test", "agent");

        assertThat(as(tokenFor(ann))
                        .patch("/api/v1/staff/" + dee, "{\"active\": false}")
                        .status())
                .isEqualTo(403);
        assertThat(admin().patch("/api/v1/staff/999999", "{\"active\": false}").status())
                .isEqualTo(404);
        assertThat(admin().patch("/api/v1/staff/" + dee, "{\"email\": \"x@y.z\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin().get("/api/v1/staff").<java.util.List<?>>json("$")).hasSize(3);
    }

    private long member(String email, String role) {
        var created = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"Member " + email + "\", \"email\": \"" + email + "\", \"role\": \"" + role
                                + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }

    private WebSession adminSession() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/team");
        return admin;
    }
}
