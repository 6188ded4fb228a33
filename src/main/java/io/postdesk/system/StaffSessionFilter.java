package io.postdesk.system;

import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a dashboard session against the staff table on every request: a deactivated member's session ends (on every
 * node, since the table is shared), and a changed name or role takes effect at once instead of at the next sign-in.
 * One primary-key read per request.
 */
class StaffSessionFilter extends OncePerRequestFilter {

    private final StaffDirectory staff;

    StaffSessionFilter(StaffDirectory staff) {
        this.staff = staff;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var context = SecurityContextHolder.getContext();
        var authentication = context.getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffMember signedIn) {
            var current = staff.findActiveById(signedIn.id());
            if (current.isEmpty()) {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else if (!current.get().equals(signedIn)) {
                // Only this request's context changes; the session keeps the old copy and is refreshed again next time.
                context.setAuthentication(StaffAuthenticationProvider.authenticated(current.get()));
            }
        }
        chain.doFilter(request, response);
    }
}
