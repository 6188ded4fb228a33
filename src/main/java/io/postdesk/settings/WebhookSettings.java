package io.postdesk.settings;

import io.postdesk.shared.InvalidInputException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;

/**
 * The secrets that authenticate inbound webhook requests, never returned by any API: the shared secret for
 * {@code X-Postdesk-Signature} (HMAC-SHA256 of the body) and Mailgun's webhook signing key for Mailgun's own
 * {@code timestamp}/{@code token}/{@code signature} fields. Both are stored encrypted ({@link SecretBox}): they are
 * HMAC keys, so they cannot be hashed, and a copy of the database must not let anyone forge inbound mail. Values
 * written in clear by earlier versions are read as they are and sealed at the next start.
 */
@Service
public class WebhookSettings implements SmartInitializingSingleton {

    private static final String SECRET = "webhook.secret";
    private static final String MAILGUN_KEY = "webhook.mailgun-signing-key";
    static final int MIN_SECRET_LENGTH = 16;

    private final SettingsStore store;
    private final SecretBox secrets;

    WebhookSettings(SettingsStore store, SecretBox secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    /** Seals the values an earlier version stored in clear; runs once the migrations have run, before requests. */
    @Override
    public void afterSingletonsInstantiated() {
        for (String name : new String[] {SECRET, MAILGUN_KEY}) {
            store.get(name)
                    .filter(stored -> !stored.isEmpty() && !secrets.isSealed(stored))
                    .ifPresent(clear -> store.put(name, secrets.seal(clear)));
        }
    }

    public Optional<String> secret() {
        return reveal(SECRET);
    }

    public boolean hasSecret() {
        return secret().isPresent();
    }

    /** Sets the secret, or clears it with {@code null}. */
    public void setSecret(@Nullable String secret) {
        if (secret != null && (secret.length() < MIN_SECRET_LENGTH || secret.length() > 500)) {
            throw new InvalidInputException("secret", "must be between " + MIN_SECRET_LENGTH + " and 500 characters");
        }
        store.put(SECRET, secret == null ? null : secrets.seal(secret));
    }

    public Optional<String> mailgunSigningKey() {
        return reveal(MAILGUN_KEY);
    }

    /** Sets Mailgun's webhook signing key, or clears it with {@code null}. */
    public void setMailgunSigningKey(@Nullable String key) {
        if (key != null && (key.isBlank() || key.length() > 500)) {
            throw new InvalidInputException("mailgunSigningKey", "must be 1 to 500 characters");
        }
        store.put(MAILGUN_KEY, key == null ? null : secrets.seal(key));
    }

    private Optional<String> reveal(String name) {
        return store.get(name)
                .filter(stored -> !stored.isEmpty())
                .map(stored -> secrets.isSealed(stored) ? secrets.open(stored) : stored);
    }
}
