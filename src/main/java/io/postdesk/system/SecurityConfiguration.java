package io.postdesk.system;

import io.postdesk.staff.ApiTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** The security filter chains: the token-authenticated API, and the dashboard with form sign-in. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The inbound webhook: mail providers post here without a user or session; the controller checks the optional
     * HMAC signature (or Mailgun's). No token lookup, session, request cache or anonymous user: the chain is kept to
     * what a machine-to-machine POST needs, because every inbound mail passes through it.
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/tickets/inbound-email")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.disable())
                .securityContext(c -> c.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        return http.securityMatcher("/api/**")
                // Stateless bearer-token API: no session, so no CSRF exposure.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/public/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/staff")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/staff/*")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/staff/*/password-reset")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/settings/**", "/api/v1/inbound/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/spam-list")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/spam-list/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .build();
    }

    /**
     * {@code /actuator/prometheus}: an admin (dashboard session or API token), or the scraper with {@code
     * postdesk.system.metrics-token}; never anonymous (docs/adr/0017-metrics.md). Answers 401/403 as problem details,
     * never a sign-in redirect, since the caller is a machine. A GET that changes nothing: no CSRF token needed.
     */
    @Bean
    @Order(1)
    SecurityFilterChain metricsChain(HttpSecurity http, ApiTokens tokens, SystemProperties properties)
            throws Exception {
        return http.securityMatcher("/actuator/prometheus")
                .csrf(csrf -> csrf.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new MetricsTokenFilter(properties.metricsToken()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(
                        auth -> auth.anyRequest().hasAnyAuthority("ROLE_ADMIN", MetricsTokenFilter.AUTHORITY))
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .build();
    }

    /**
     * The dashboard: form sign-in at {@code /login} with CSRF protection (htmx sends the token as a header), a
     * session cookie that is HttpOnly and SameSite=Lax (and Secure whenever the request came over HTTPS).
     */
    @Bean
    @Order(3)
    SecurityFilterChain webChain(
            HttpSecurity http, StaffAuthenticationProvider staff, io.postdesk.staff.StaffDirectory directory)
            throws Exception {
        return http.authenticationProvider(staff)
                .addFilterAfter(
                        new StaffSessionFilter(directory),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/password-reset",
                                "/error",
                                "/actuator/health/**",
                                "/v3/api-docs/**",
                                "/v3/api-docs.yaml",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/favicon.ico",
                                "/favicon.svg")
                        .permitAll()
                        .requestMatchers("/settings/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .hasAnyRole("ADMIN", "AGENT"))
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/", false)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                                + " script-src 'self'; frame-ancestors 'none'; form-action 'self'")))
                .build();
    }
}
