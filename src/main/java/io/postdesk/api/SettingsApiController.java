package io.postdesk.api;

import io.postdesk.mail.SmtpCheck;
import io.postdesk.mail.SmtpConnectionTest;
import io.postdesk.settings.BrandingSettings;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.settings.HelpdeskSettings;
import io.postdesk.settings.SenderVerificationSettings;
import io.postdesk.settings.WebhookSettings;
import io.postdesk.shared.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Instance settings (admins only): email (SMTP; the password is never returned), the helpdesk switch, the inbound
 * webhook secret (never returned) and sender verification.
 */
@RestController
@RequestMapping("/api/v1/settings")
class SettingsApiController {

    private final HelpdeskSettings helpdesk;
    private final WebhookSettings webhook;
    private final EmailSettingsStore email;
    private final SmtpConnectionTest smtpTest;
    private final BrandingSettings branding;
    private final SenderVerificationSettings senderVerification;

    SettingsApiController(
            HelpdeskSettings helpdesk,
            WebhookSettings webhook,
            EmailSettingsStore email,
            SmtpConnectionTest smtpTest,
            BrandingSettings branding,
            SenderVerificationSettings senderVerification) {
        this.helpdesk = helpdesk;
        this.webhook = webhook;
        this.email = email;
        this.smtpTest = smtpTest;
        this.branding = branding;
        this.senderVerification = senderVerification;
    }

    record BrandingRequest(@Nullable String name, @Nullable String color) {}

    @GetMapping("/branding")
    BrandingSettings.Branding branding() {
        return branding.current();
    }

    /** Product name and colour for the portal, the contact form and emails. */
    @PutMapping("/branding")
    BrandingSettings.Branding branding(@RequestBody BrandingRequest request) {
        return branding.save(request.name(), request.color());
    }

    /** A null or absent password keeps the saved one; an empty string removes it. */
    record EmailRequest(
            @Nullable String supportAddress,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable String username,
            @Nullable String password,
            @Nullable Boolean ssl,
            @Nullable String fromEmail,
            @Nullable String fromName) {}

    record EmailResponse(
            @Nullable String supportAddress,
            @Nullable String host,
            int port,
            @Nullable String username,
            boolean passwordSet,
            boolean ssl,
            @Nullable String fromEmail,
            @Nullable String fromName,
            boolean configured) {
        static EmailResponse of(EmailSettings s) {
            return new EmailResponse(
                    s.supportAddress() == null ? null : s.supportAddress().value(),
                    s.host(),
                    s.port(),
                    s.username(),
                    s.hasPassword(),
                    s.ssl(),
                    s.fromEmail() == null ? null : s.fromEmail().value(),
                    s.fromName(),
                    s.canSend());
        }
    }

    record EmailTestRequest(@Nullable String to) {}

    @GetMapping("/email")
    EmailResponse email() {
        return EmailResponse.of(email.current());
    }

    @PutMapping("/email")
    EmailResponse email(@RequestBody EmailRequest r) {
        return EmailResponse.of(email.save(new EmailSettingsStore.Change(
                r.supportAddress(),
                r.host(),
                r.port(),
                r.username(),
                r.password(),
                r.ssl(),
                r.fromEmail(),
                r.fromName())));
    }

    /** Sends a verification mail now and reports the server's answer: {@code {ok, error}}. */
    @PostMapping("/email/test")
    SmtpCheck testEmail(@RequestBody EmailTestRequest request) {
        return smtpTest.sendTestMail(request.to() == null ? "" : request.to());
    }

    record HelpdeskRequest(@Nullable Boolean enabled) {}

    record HelpdeskResponse(boolean enabled) {}

    /** A field left out keeps its value; {@code null} clears it. */
    /** Whether the secrets are set; the secrets themselves never leave the server. */
    record WebhookResponse(boolean secretConfigured, boolean mailgunSigningKeyConfigured) {}

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
        return new WebhookResponse(
                webhook.hasSecret(), webhook.mailgunSigningKey().isPresent());
    }

    @PutMapping("/webhook")
    WebhookResponse webhook(@RequestBody java.util.Map<String, @Nullable Object> body) {
        var patch = new PatchBody(body, java.util.Set.of("secret", "mailgunSigningKey"));
        if (patch.has("secret")) {
            webhook.setSecret(patch.string("secret"));
        }
        if (patch.has("mailgunSigningKey")) {
            webhook.setMailgunSigningKey(patch.string("mailgunSigningKey"));
        }
        return webhook();
    }

    /** A field left out (or null) keeps its value. */
    record SenderVerificationRequest(
            java.util.@Nullable List<@Nullable String> trustedAuthservIds,
            @Nullable Boolean requireVerifiedStaff) {}

    /** Whose {@code Authentication-Results} are believed, and whether staff mail must come from a verified sender. */
    @GetMapping("/sender-verification")
    SenderVerificationSettings.SenderVerification senderVerification() {
        return senderVerification.current();
    }

    @PutMapping("/sender-verification")
    SenderVerificationSettings.SenderVerification senderVerification(@RequestBody SenderVerificationRequest request) {
        return senderVerification.save(request.trustedAuthservIds(), request.requireVerifiedStaff());
    }
}
