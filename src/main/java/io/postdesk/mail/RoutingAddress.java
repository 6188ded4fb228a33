package io.postdesk.mail;

import io.postdesk.shared.EmailAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The per-conversation reply address {@code ticket+{id}-{token}@domain} (or {@code order+…}). The token is the
 * conversation's secret, so knowing a ticket number is not enough to write into it; the bare form
 * {@code ticket+{id}@domain} carries no token and is honoured only for the conversation's participants.
 */
public record RoutingAddress(Kind kind, long id, @Nullable String token) {

    public enum Kind {
        TICKET("ticket"),
        ORDER("order");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern FORM = Pattern.compile("^(ticket|order)\\+(\\d{1,18})(?:-([0-9a-f]{8,64}))?$");

    public static String of(Kind kind, long id, String token, String domain) {
        return kind.prefix + "+" + id + "-" + token + "@" + domain;
    }

    /** Reads a routing address on the support domain; anything else is empty. */
    public static Optional<RoutingAddress> parse(EmailAddress address, String supportDomain) {
        if (!address.domain().equals(supportDomain)) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(address.localPart());
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(1).equals("ticket") ? Kind.TICKET : Kind.ORDER;
        return Optional.of(new RoutingAddress(kind, Long.parseLong(m.group(2)), m.group(3)));
    }

    public boolean hasToken() {
        return token != null;
    }
}
