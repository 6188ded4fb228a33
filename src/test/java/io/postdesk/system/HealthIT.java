package io.postdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.ApiClient;
import io.postdesk.IntegrationTest;
import org.junit.jupiter.api.Test;

/** {@code GET /actuator/health} answers without a token once the app is ready. */
class HealthIT extends IntegrationTest {

    @Test
    void reportsUpWithoutAToken() {
        var health = anonymous().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.string("$.status")).isEqualTo("UP");
        assertThat(health.header("Content-Type")).contains("json");
    }

    @Test
    void doesNotExposeOtherActuatorEndpoints() {
        for (var client : new ApiClient[] {anonymous(), admin()}) {
            var env = client.get("/actuator/env");

            assertThat(env.status()).isNotEqualTo(200);
            assertThat(env.body()).doesNotContain("propertySources");
        }
    }
}
