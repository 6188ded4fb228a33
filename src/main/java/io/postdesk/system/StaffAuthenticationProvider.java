package io.postdesk.system;

import io.postdesk.limits.SharedCounters;
import io.postdesk.shared.LoginAttempts;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Staff sign-in with email and password; the principal is the {@link StaffMember}, as for bearer tokens. */
@Component
class StaffAuthenticationProvider implements AuthenticationProvider {

    private final StaffDirectory staff;
    private final LoginAttempts attempts;

    StaffAuthenticationProvider(StaffDirectory staff, SharedCounters counters) {
        this.staff = staff;
        // Shared through the database, so every node counts against one budget (docs/adr/0016).
        this.attempts = counters.loginAttempts("staff-login");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getName()).strip().toLowerCase(Locale.ROOT);
        String password = String.valueOf(authentication.getCredentials());
        String client = clientAddress(authentication);
        if (attempts.isBlocked(email, client)) {
            throw new LockedException("Too many failed sign-ins; try again in 15 minutes.");
        }
        StaffMember member = staff.authenticate(email, password).orElse(null);
        if (member == null) {
            attempts.failed(email, client);
            throw new BadCredentialsException("Wrong email or password.");
        }
        attempts.succeeded(email, client);
        return authenticated(member);
    }

    /** The sign-in's client address (behind a proxy, the forwarded one when forward headers are honoured). */
    private static String clientAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
    }

    static UsernamePasswordAuthenticationToken authenticated(StaffMember member) {
        return UsernamePasswordAuthenticationToken.authenticated(
                member,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + member.role().name())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
