package io.postdesk.api;

import io.postdesk.settings.HelpdeskSettings;
import io.postdesk.settings.WebhookSettings;
import io.postdesk.shared.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Instance settings (admins only): the helpdesk switch and the inbound webhook secret (never returned). */
@RestController
@RequestMapping("/api/v1/settings")
class SettingsApiController {

    private final HelpdeskSettings helpdesk;
    private final WebhookSettings webhook;

    SettingsApiController(HelpdeskSettings helpdesk, WebhookSettings webhook) {
        this.helpdesk = helpdesk;
        this.webhook = webhook;
    }

    record HelpdeskRequest(@Nullable Boolean enabled) {}

    record HelpdeskResponse(boolean enabled) {}

    record WebhookRequest(@Nullable String secret) {}

    /** Whether a secret is set; the secret itself never leaves the server. */
    record WebhookResponse(boolean secretConfigured) {}

    @GetMapping("/helpdesk")
    HelpdeskResponse helpdesk() {
        return new HelpdeskResponse(helpdesk.isEnabled());
    }

    @PutMapping("/helpdesk")
    HelpdeskResponse helpdesk(@RequestBody HelpdeskRequest request) {
        if (request.enabled() == null) {
            throw new InvalidInputException("enabled", "must be true or false");
        }
        helpdesk.setEnabled(request.enabled());
        return helpdesk();
    }

    @GetMapping("/webhook")
    WebhookResponse webhook() {
        return new WebhookResponse(webhook.hasSecret());
    }

    @PutMapping("/webhook")
    WebhookResponse webhook(@RequestBody WebhookRequest request) {
        webhook.setSecret(request.secret());
        return webhook();
    }
}
