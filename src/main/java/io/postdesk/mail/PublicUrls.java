package io.postdesk.mail;

import io.postdesk.mail.outbound.OutboundProperties;
import org.springframework.stereotype.Component;

/**
 * Absolute links to this Postdesk (sign-in links, the webhook address shown to admins): always built from the
 * configured public URL ({@code POSTDESK_PUBLIC_URL}, {@code postdesk.mail.outbound.dashboard-url}), never from a
 * request's {@code Host} header, which whoever sends the request chooses — a forged Host would otherwise have a
 * victim mailed a sign-in link to the attacker's server.
 */
@Component
public class PublicUrls {

    private final String base;

    PublicUrls(OutboundProperties properties) {
        String configured = properties.dashboardUrl().toString();
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The absolute URL of a path (with its query, if any) under the public URL, e.g. {@code /portal/sign-in?token=…}. */
    public String of(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + pathAndQuery);
        }
        return base + pathAndQuery;
    }

    /** The portal sign-in link for a token of {@code SignInLinks}: mailed, or handed over by staff. */
    public String portalSignIn(String token) {
        return of("/portal/sign-in?token=" + token);
    }

    /** The staff password reset page for a token of {@code PasswordResets}: mailed, or handed over by an admin. */
    public String staffPasswordReset(String token) {
        return of("/password-reset?token=" + token);
    }
}
