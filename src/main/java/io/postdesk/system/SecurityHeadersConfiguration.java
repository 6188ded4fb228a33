package io.postdesk.system;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Response headers every filter chain sends (dashboard, portal, API, webhook): Spring Security applies a
 * {@code Customizer<HeadersConfigurer>} bean to each {@code HttpSecurity} it builds, so a new chain cannot forget them.
 *
 * <ul>
 *   <li>{@code Referrer-Policy: no-referrer}: portal sign-in links carry their token in the URL, and ticket pages
 *       their numbers; nothing in Postdesk needs the header.
 *   <li>{@code Strict-Transport-Security} for a year, on HTTPS requests only (Spring Security never sends it over
 *       plain HTTP). Behind a TLS-terminating proxy a request counts as HTTPS only when forwarded headers are honoured
 *       ({@code server.forward-headers-strategy=native}, see the README); the session cookie is then {@code Secure}
 *       too, because the servlet container marks it so on secure requests.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeadersConfiguration {

    static final Duration HSTS_MAX_AGE = Duration.ofDays(365);

    @Bean
    Customizer<HeadersConfigurer<HttpSecurity>> securityHeaders() {
        return headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .httpStrictTransportSecurity(
                        hsts -> hsts.maxAgeInSeconds(HSTS_MAX_AGE.toSeconds()).includeSubDomains(true));
    }
}
