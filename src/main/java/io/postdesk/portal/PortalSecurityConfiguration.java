package io.postdesk.portal;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.limits.SharedCounters;
import io.postdesk.shared.LoginAttempts;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The portal's own sign-in, apart from staff: customers authenticate as {@link CustomerPrincipal} with
 * {@code ROLE_CUSTOMER}, kept under their own session key, so a customer session never opens the agent dashboard
 * (and a staff member may test the portal in the same browser).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    static final String CONTEXT_KEY = "POSTDESK_PORTAL_SECURITY_CONTEXT";

    @Bean
    HttpSessionSecurityContextRepository portalSecurityContextRepository() {
        var repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_KEY);
        return repository;
    }

    @Bean
    @Order(2)
    SecurityFilterChain portalChain(
            HttpSecurity http,
            ContactDirectory contacts,
            SharedCounters counters,
            HttpSessionSecurityContextRepository portalSecurityContextRepository)
            throws Exception {
        return http.securityMatcher("/portal/**", "/contact")
                .securityContext(context -> context.securityContextRepository(portalSecurityContextRepository))
                .authenticationProvider(customers(contacts, counters.loginAttempts("portal-login")))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/portal/login", "/portal/sign-in-link", "/portal/sign-in", "/contact")
                        .permitAll()
                        .anyRequest()
                        .hasRole("CUSTOMER"))
                .formLogin(form -> form.loginPage("/portal/login")
                        .loginProcessingUrl("/portal/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/portal", false)
                        .failureUrl("/portal/login?error"))
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?signedOut"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                                + " script-src 'self'; frame-ancestors 'none'; form-action 'self'")))
                .build();
    }

    static UsernamePasswordAuthenticationToken authenticated(CustomerPrincipal customer) {
        return UsernamePasswordAuthenticationToken.authenticated(
                customer, null, List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
    }

    /** Password sign-in; like staff sign-in, failures are counted per email and client address ({@link LoginAttempts}). */
    private static AuthenticationProvider customers(ContactDirectory contacts, LoginAttempts attempts) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String email = String.valueOf(authentication.getName()).strip().toLowerCase(Locale.ROOT);
                String client = authentication.getDetails() instanceof WebAuthenticationDetails web
                                && web.getRemoteAddress() != null
                        ? web.getRemoteAddress()
                        : "unknown";
                if (attempts.isBlocked(email, client)) {
                    throw new LockedException("Too many failed sign-ins; try again in 15 minutes.");
                }
                var contact = contacts.authenticate(email, String.valueOf(authentication.getCredentials()));
                if (contact.isEmpty()) {
                    attempts.failed(email, client);
                    throw new BadCredentialsException("Wrong email or password.");
                }
                attempts.succeeded(email, client);
                return authenticated(new CustomerPrincipal(
                        contact.get().id(), contact.get().email().value()));
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }
}
