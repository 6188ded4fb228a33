package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.IntegrationTest;
import io.postdesk.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's staff form: a refused staff member is a form error (422, swapped in by htmx), never a 500. */
class StaffFormIT extends IntegrationTest {

    @Test
    void aDuplicateEmailIsAFormError() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/team");
        var first = admin.post("/settings/staff", Map.of("name", "Ann", "email", "ann@postdesk.test", "role", "agent"));

        var again = admin.post(
                "/settings/staff", Map.of("name", "Ann Again", "email", "ANN@postdesk.test", "role", "admin"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("Email: a staff member with this email already exists");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aWeakPasswordIsAFormErrorNamingThePassword() {
        var admin = WebSession.staff(port, ADMIN_EMAIL, ADMIN_PASSWORD).withHeader("HX-Request", "true");
        admin.get("/settings/team");

        var refused = admin.post(
                "/settings/staff",
                Map.of("name", "Bo", "email", "bo@postdesk.test", "role", "agent", "password", "password1234"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Password: is one of the most common passwords");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff WHERE email = 'bo@postdesk.test'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
