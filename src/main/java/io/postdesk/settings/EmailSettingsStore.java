package io.postdesk.settings;

import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and saves {@link EmailSettings}; the SMTP password is stored encrypted by {@link SecretBox}. */
@Service
public class EmailSettingsStore {

    private static final String SUPPORT_ADDRESS = "email.support-address";
    private static final String HOST = "email.smtp.host";
    private static final String PORT = "email.smtp.port";
    private static final String USERNAME = "email.smtp.username";
    private static final String PASSWORD = "email.smtp.password";
    private static final String SSL = "email.smtp.ssl";
    private static final String FROM_EMAIL = "email.from-email";
    private static final String FROM_NAME = "email.from-name";

    /** Raw form input; validated by {@link #save}. A null password keeps the stored one, "" clears it. */
    public record Change(
            @Nullable String supportAddress,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable String username,
            @Nullable String password,
            @Nullable Boolean ssl,
            @Nullable String fromEmail,
            @Nullable String fromName) {}

    private final SettingsStore store;
    private final SecretBox secrets;

    EmailSettingsStore(SettingsStore store, SecretBox secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    public EmailSettings current() {
        return new EmailSettings(
                store.get(SUPPORT_ADDRESS).map(EmailAddress::new).orElse(null),
                store.get(HOST).orElse(null),
                store.get(PORT).map(Integer::parseInt).orElse(587),
                store.get(USERNAME).orElse(null),
                store.get(PASSWORD).map(secrets::open).orElse(null),
                store.get(SSL).map(Boolean::parseBoolean).orElse(false),
                store.get(FROM_EMAIL).map(EmailAddress::new).orElse(null),
                store.get(FROM_NAME).orElse(null));
    }

    @Transactional
    public EmailSettings save(Change change) {
        String host = Texts.singleLine(change.host(), "host", 255, false);
        if (host != null && !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new InvalidInputException("host", "must be a host name or IP address");
        }
        int port = change.port() == null ? 587 : change.port();
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("port", "must be between 1 and 65535");
        }
        String supportAddress = optionalAddress(change.supportAddress(), "supportAddress");
        String fromEmail = optionalAddress(change.fromEmail(), "fromEmail");
        String username = Texts.singleLine(change.username(), "username", 255, false);
        String fromName = Texts.singleLine(change.fromName(), "fromName", 100, false);
        if (host != null && fromEmail == null) {
            throw new InvalidInputException("fromEmail", "is required when an SMTP host is set");
        }
        store.put(SUPPORT_ADDRESS, supportAddress);
        store.put(HOST, host);
        store.put(PORT, Integer.toString(port));
        store.put(USERNAME, username);
        store.put(SSL, Boolean.toString(Boolean.TRUE.equals(change.ssl())));
        store.put(FROM_EMAIL, fromEmail);
        store.put(FROM_NAME, fromName);
        if (change.password() != null) {
            if (change.password().length() > 500) {
                throw new InvalidInputException("password", "must be at most 500 characters");
            }
            store.put(PASSWORD, change.password().isEmpty() ? null : secrets.seal(change.password()));
        }
        return current();
    }

    private static @Nullable String optionalAddress(@Nullable String raw, String field) {
        return raw == null || raw.isBlank()
                ? null
                : EmailAddress.parse(raw, field).value();
    }
}
