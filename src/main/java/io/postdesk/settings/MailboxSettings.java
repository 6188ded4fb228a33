package io.postdesk.settings;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The mailbox Postdesk fetches mail from (Settings → Mailbox; SPEC §2 channel 2): an existing IMAP mailbox, or POP3
 * as a fallback. {@code ssl} true is implicit TLS (IMAP 993, POP3 995); false connects in plain and upgrades with
 * STARTTLS whenever the server offers it. IMAP mail is moved to {@code processedFolder} once stored, or, without one,
 * marked as seen (then only unseen mail is fetched); POP3 mail is deleted from the server once stored. The password
 * is only ever held here decrypted; {@link #toString()} never shows it.
 */
public record MailboxSettings(
        boolean enabled,
        Protocol protocol,
        @Nullable String host,
        int port,
        boolean ssl,
        @Nullable String username,
        @Nullable String password,
        String folder,
        @Nullable String processedFolder) {

    public static final String DEFAULT_FOLDER = "INBOX";
    public static final String DEFAULT_PROCESSED_FOLDER = "Processed";

    public enum Protocol {
        IMAP,
        POP3;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Protocol fromWire(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    public static MailboxSettings none() {
        return new MailboxSettings(
                false, Protocol.IMAP, null, 993, true, null, null, DEFAULT_FOLDER, DEFAULT_PROCESSED_FOLDER);
    }

    /** Whether there is a server and an account to sign in with. */
    public boolean isConfigured() {
        return host != null && username != null;
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "MailboxSettings[enabled=" + enabled + ", protocol=" + protocol + ", host=" + host + ", port=" + port
                + ", ssl=" + ssl + ", username=" + username + ", password=" + (hasPassword() ? "(set)" : "(none)")
                + ", folder=" + folder + ", processedFolder=" + processedFolder + "]";
    }
}
