package io.postdesk.settings;

import io.postdesk.shared.InvalidInputException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The shared secret that signs inbound webhook requests (HMAC-SHA256); never returned by any API. */
@Service
public class WebhookSettings {

    private static final String SECRET = "webhook.secret";
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
}
