package io.postdesk.settings;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The product name and colour customers see on the portal, the contact form and in emails. */
@Service("brandingSettings")
public class BrandingSettings {

    private static final String NAME = "branding.name";
    private static final String COLOR = "branding.color";
    static final String DEFAULT_NAME = "Help Center";
    static final String DEFAULT_COLOR = "#4f46e5";

    /** A brand: a display name and a CSS hex colour. */
    public record Branding(String name, String color) {}

    private final SettingsStore store;

    BrandingSettings(SettingsStore store) {
        this.store = store;
    }

    public Branding current() {
        return new Branding(
                store.get(NAME).orElse(DEFAULT_NAME), store.get(COLOR).orElse(DEFAULT_COLOR));
    }

    public Branding save(@Nullable String name, @Nullable String color) {
        String validName = Texts.singleLine(name, "name", 100, true);
        String validColor =
                color == null || color.isBlank() ? DEFAULT_COLOR : color.strip().toLowerCase(java.util.Locale.ROOT);
        if (!validColor.matches("#[0-9a-f]{6}")) {
            throw new InvalidInputException("color", "must be a colour like #4f46e5");
        }
        store.put(NAME, validName);
        store.put(COLOR, validColor);
        return current();
    }
}
