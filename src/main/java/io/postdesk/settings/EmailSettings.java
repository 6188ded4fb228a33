package io.postdesk.settings;

import io.postdesk.shared.EmailAddress;
import org.jspecify.annotations.Nullable;

/**
 * The outgoing mail setup (Settings → Email). {@code ssl} true is implicit TLS (usually port 465); false connects in
 * plain and upgrades with STARTTLS whenever the server offers it (usually 587). The password is only ever held here
 * decrypted, for sending; {@link #toString()} never shows it.
 */
public record EmailSettings(
        @Nullable EmailAddress supportAddress,
        @Nullable String host,
        int port,
        @Nullable String username,
        @Nullable String password,
        boolean ssl,
        @Nullable EmailAddress fromEmail,
        @Nullable String fromName) {

    public static EmailSettings none() {
        return new EmailSettings(null, null, 587, null, null, false, null, null);
    }

    /** Whether replies can be emailed: a server, a sender and a support address to route replies to. */
    public boolean canSend() {
        return host != null && fromEmail != null && supportAddress != null;
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "EmailSettings[supportAddress=" + supportAddress + ", host=" + host + ", port=" + port + ", username="
                + username + ", password=" + (hasPassword() ? "(set)" : "(none)") + ", ssl=" + ssl + ", fromEmail="
                + fromEmail + ", fromName=" + fromName + "]";
    }
}
