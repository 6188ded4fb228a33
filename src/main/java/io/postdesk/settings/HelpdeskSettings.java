package io.postdesk.settings;

import org.springframework.stereotype.Service;

/**
 * The helpdesk module switch. While off, mail that matches no existing conversation creates no ticket; everything
 * else keeps working. On by default.
 */
@Service
public class HelpdeskSettings {

    private static final String ENABLED = "helpdesk.enabled";

    private final SettingsStore store;

    HelpdeskSettings(SettingsStore store) {
        this.store = store;
    }

    public boolean isEnabled() {
        return store.get(ENABLED).map(Boolean::parseBoolean).orElse(true);
    }

    public void setEnabled(boolean enabled) {
        store.put(ENABLED, Boolean.toString(enabled));
    }
}
