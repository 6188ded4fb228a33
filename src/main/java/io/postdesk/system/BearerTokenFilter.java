package io.postdesk.system;

import io.postdesk.staff.ApiTokens;
import io.postdesk.staff.StaffMember;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} as the staff member the token belongs to. A missing or
 * unknown token leaves the request anonymous, and the chain answers 401 where authentication is required.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;

    BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            tokens.authenticate(header.substring(PREFIX.length()).strip()).ifPresent(BearerTokenFilter::signIn);
        }
        chain.doFilter(request, response);
    }

    private static void signIn(StaffMember staff) {
        SecurityContextHolder.getContext().setAuthentication(StaffAuthenticationProvider.authenticated(staff));
    }
}
