package io.postdesk.mail.inbound.mailbox;

import io.postdesk.settings.MailboxSettings;
import io.postdesk.settings.MailboxSettingsStore;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mailbox Postdesk fetches from (admins only, like all settings): read and save it (the password is never
 * returned), test the connection, fetch now, and see what the last fetch did.
 */
@RestController
@RequestMapping("/api/v1/settings/mailbox")
class MailboxApiController {

    private final MailboxSettingsStore settings;
    private final MailboxPoller poller;

    MailboxApiController(MailboxSettingsStore settings, MailboxPoller poller) {
        this.settings = settings;
        this.poller = poller;
    }

    record MailboxResponse(
            boolean enabled,
            String protocol,
            @Nullable String host,
            int port,
            boolean ssl,
            @Nullable String username,
            boolean passwordSet,
            String folder,
            @Nullable String processedFolder,
            MailboxPoller.@Nullable Poll lastPoll) {}

    @GetMapping
    MailboxResponse get() {
        MailboxSettings s = settings.current();
        return new MailboxResponse(
                s.enabled(),
                s.protocol().wire(),
                s.host(),
                s.port(),
                s.ssl(),
                s.username(),
                s.hasPassword(),
                s.folder(),
                s.processedFolder(),
                poller.lastPoll().orElse(null));
    }

    /** A null or absent password keeps the saved one; an empty string removes it. */
    @PutMapping
    MailboxResponse save(@RequestBody MailboxSettingsStore.Change change) {
        settings.save(change);
        return get();
    }

    /** Signs in and opens the folder: {@code {ok, error, messages}}. */
    @PostMapping("/test")
    MailboxPoller.Check test() {
        return poller.test();
    }

    /** Fetches now instead of waiting for the next poll: {@code {at, fetched, error}}. */
    @PostMapping("/fetch")
    MailboxPoller.Poll fetch() {
        return poller.pollNow();
    }
}
