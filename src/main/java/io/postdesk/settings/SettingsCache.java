package io.postdesk.settings;

import org.springframework.stereotype.Component;

/** Lets whoever changes the settings table directly (an import, a test resetting data) drop the cached settings. */
@Component
public class SettingsCache {

    private final SettingsStore store;

    SettingsCache(SettingsStore store) {
        this.store = store;
    }

    public void evict() {
        store.evict();
    }
}
