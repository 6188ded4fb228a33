package io.postdesk.settings;

import io.postdesk.shared.InvalidInputException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The secrets that authenticate inbound webhook requests, never returned by any API: the shared secret for
 * {@code X-Postdesk-Signature} (HMAC-SHA256 of the body) and Mailgun's webhook signing key for Mailgun's own
 * {@code timestamp}/{@code token}/{@code signature} fields.
 */
@Service
public class WebhookSettings {

    private static final String SECRET = "webhook.secret";
    private static final String MAILGUN_KEY = "webhook.mailgun-signing-key";
    static final int MIN_SECRET_LENGTH = 16;

    private final SettingsStore store;

    WebhookSettings(SettingsStore store) {
        this.store = store;
    }

    public Optional<String> secret() {
        return store.get(SECRET).filter(s -> !s.isEmpty());
    }

    public boolean hasSecret() {
        return secret().isPresent();
    }

    /** Sets the secret, or clears it with {@code null}. */
    public void setSecret(@Nullable String secret) {
        if (secret != null && (secret.length() < MIN_SECRET_LENGTH || secret.length() > 500)) {
            throw new InvalidInputException("secret", "must be between " + MIN_SECRET_LENGTH + " and 500 characters");
        }
        store.put(SECRET, secret);
    }

    public Optional<String> mailgunSigningKey() {
        return store.get(MAILGUN_KEY).filter(s -> !s.isEmpty());
    }

    /** Sets Mailgun's webhook signing key, or clears it with {@code null}. */
    public void setMailgunSigningKey(@Nullable String key) {
        if (key != null && (key.isBlank() || key.length() > 500)) {
            throw new InvalidInputException("mailgunSigningKey", "must be 1 to 500 characters");
        }
        store.put(MAILGUN_KEY, key);
    }
}
