package io.postdesk.settings;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.Texts;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The AI Suggest switch and its provider: {@code offline} (default, nothing leaves the server) or {@code openai} (an
 * OpenAI-compatible chat-completions server at {@code baseUrl}). The API key is stored encrypted by {@link SecretBox}
 * and only {@link Current#apiKey()} ever holds it in clear; callers never return or log it.
 */
@Service
public class AiSettings {

    private static final String ENABLED = "ai.enabled";
    private static final String PROVIDER = "ai.provider";
    private static final String BASE_URL = "ai.base-url";
    private static final String MODEL = "ai.model";
    private static final String API_KEY = "ai.api-key";

    /** The settings in force. {@code toString} hides the key so a stray log line cannot leak it. */
    public record Current(
            boolean enabled,
            String provider,
            @Nullable String baseUrl,
            @Nullable String model,
            @Nullable String apiKey) {

        public boolean apiKeySet() {
            return apiKey != null;
        }

        public boolean isOpenAi() {
            return "openai".equals(provider);
        }

        @Override
        public String toString() {
            return "AiSettings[enabled=" + enabled + ", provider=" + provider + ", baseUrl=" + baseUrl + ", model="
                    + model + ", apiKeySet=" + apiKeySet() + "]";
        }
    }

    /** Raw input; a null {@code apiKey} keeps the stored key, {@code ""} clears it. */
    public record Change(
            @Nullable Boolean enabled,
            @Nullable String provider,
            @Nullable String baseUrl,
            @Nullable String model,
            @Nullable String apiKey) {}

    private final SettingsStore store;
    private final SecretBox secrets;

    AiSettings(SettingsStore store, SecretBox secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    public Current current() {
        return new Current(
                store.get(ENABLED).map(Boolean::parseBoolean).orElse(true),
                store.get(PROVIDER).orElse("offline"),
                store.get(BASE_URL).orElse(null),
                store.get(MODEL).orElse(null),
                store.get(API_KEY).map(secrets::open).orElse(null));
    }

    @Transactional
    public Current save(Change change) {
        if (change.enabled() == null) {
            throw new InvalidInputException("enabled", "is required");
        }
        String provider = change.provider() == null ? "offline" : change.provider();
        if (!provider.equals("offline") && !provider.equals("openai")) {
            throw new InvalidInputException("provider", "must be offline or openai");
        }
        String baseUrl = Texts.singleLine(change.baseUrl(), "baseUrl", 500, false);
        if (baseUrl != null) {
            baseUrl = baseUrl.replaceAll("/+$", "");
            if (!isHttpUrl(baseUrl)) {
                throw new InvalidInputException(
                        "baseUrl", "must be an http or https URL, e.g. http://127.0.0.1:11434/v1");
            }
        }
        String model = Texts.singleLine(change.model(), "model", 200, false);
        if (provider.equals("openai") && (baseUrl == null || model == null)) {
            throw new InvalidInputException(baseUrl == null ? "baseUrl" : "model", "is required for provider openai");
        }
        store.put(ENABLED, change.enabled().toString());
        store.put(PROVIDER, provider);
        store.put(BASE_URL, baseUrl);
        store.put(MODEL, model);
        if (change.apiKey() != null) {
            if (change.apiKey().length() > 500 || change.apiKey().matches("(?s).*[\\r\\n].*")) {
                throw new InvalidInputException("apiKey", "must be one line of at most 500 characters");
            }
            store.put(API_KEY, change.apiKey().isEmpty() ? null : secrets.seal(change.apiKey()));
        }
        return current();
    }

    private static boolean isHttpUrl(String raw) {
        try {
            URI uri = URI.create(raw);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
