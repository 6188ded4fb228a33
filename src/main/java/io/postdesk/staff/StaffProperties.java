package io.postdesk.staff;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bootstrap of the first admin ({@code POSTDESK_ADMIN_EMAIL}, {@code POSTDESK_ADMIN_PASSWORD}) and the provisioning
 * token ({@code POSTDESK_API_TOKEN}) that acts as that admin.
 */
@Validated
@ConfigurationProperties("postdesk.staff")
public record StaffProperties(
        @Nullable String bootstrapAdminEmail,
        @Nullable String bootstrapAdminPassword,
        @Nullable String bootstrapApiToken) {

    boolean hasBootstrapAdmin() {
        return isSet(bootstrapAdminEmail) && isSet(bootstrapAdminPassword);
    }

    boolean hasBootstrapToken() {
        return isSet(bootstrapApiToken);
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
