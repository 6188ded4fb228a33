package io.postdesk.web;

import io.postdesk.mail.Deliveries;
import io.postdesk.mail.PublicUrls;
import io.postdesk.mail.SmtpConnectionTest;
import io.postdesk.settings.BrandingSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.settings.HelpdeskSettings;
import io.postdesk.settings.SenderVerificationSettings;
import io.postdesk.settings.WebhookSettings;
import io.postdesk.shared.ConflictException;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.spam.SpamList;
import io.postdesk.staff.ApiTokens;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.staff.StaffRole;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings (admins), one sub-page each: email with Test Connection and failed outgoing mail, spam list, team, API
 * tokens with the inbound webhook, and branding (sender verification and the helpdesk switch sit on the inbound page).
 * Each section is a fragment that re-renders itself after a change, with "Saved" or the failure next to its form.
 */
@Controller
class SettingsController {

    private final EmailSettingsStore email;
    private final SmtpConnectionTest smtpTest;
    private final HelpdeskSettings helpdesk;
    private final WebhookSettings webhook;
    private final SpamList spamList;
    private final StaffDirectory staff;
    private final ApiTokens tokens;
    private final Deliveries deliveries;
    private final PublicUrls urls;
    private final SenderVerificationSettings senderVerification;
    private final BrandingSettings branding;
    private final io.postdesk.staff.PasswordResets resets;
    private final io.postdesk.mail.StaffMail staffMail;

    SettingsController(
            EmailSettingsStore email,
            SmtpConnectionTest smtpTest,
            HelpdeskSettings helpdesk,
            WebhookSettings webhook,
            SpamList spamList,
            StaffDirectory staff,
            ApiTokens tokens,
            Deliveries deliveries,
            PublicUrls urls,
            SenderVerificationSettings senderVerification,
            BrandingSettings branding,
            io.postdesk.staff.PasswordResets resets,
            io.postdesk.mail.StaffMail staffMail) {
        this.email = email;
        this.smtpTest = smtpTest;
        this.helpdesk = helpdesk;
        this.webhook = webhook;
        this.spamList = spamList;
        this.staff = staff;
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.urls = urls;
        this.senderVerification = senderVerification;
        this.branding = branding;
        this.resets = resets;
        this.staffMail = staffMail;
    }

    /** The Email form; an empty password field keeps the saved password. */
    record EmailForm(
            @Nullable String supportAddress,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable String username,
            @Nullable String password,
            @Nullable Boolean ssl,
            @Nullable String fromEmail,
            @Nullable String fromName) {}

    record StaffForm(
            @Nullable String name,
            @Nullable String email,
            @Nullable String role,
            @Nullable String password) {}

    /** Settings is a set of sub-pages; the first one is where an admin lands. */
    @GetMapping("/settings")
    String show() {
        return "redirect:/settings/email";
    }

    /** Outgoing mail: the SMTP server, Test Connection and the failed and bounced deliveries. */
    @GetMapping("/settings/email")
    String emailPage(Model model) {
        emailSection(model);
        model.addAttribute("failedMail", deliveries.list("failed", 50));
        model.addAttribute("bouncedMail", deliveries.list("bounced", 50));
        return page(model, "email", "Email");
    }

    @GetMapping("/settings/spam")
    String spamPage(Model model) {
        spamSection(model);
        return page(model, "spam", "Spam");
    }

    @GetMapping("/settings/team")
    String teamPage(Model model) {
        staffSection(model);
        return page(model, "team", "Team");
    }

    /** API tokens and the inbound webhook (URL and signing secret) that integrations use. */
    @GetMapping("/settings/api")
    String apiPage(@AuthenticationPrincipal StaffMember me, Model model) {
        tokenSection(me, model);
        model.addAttribute("webhookUrl", webhookUrl());
        model.addAttribute("webhookSecretSet", webhook.hasSecret());
        return page(model, "api", "API");
    }

    @GetMapping("/settings/branding")
    String brandingPage(Model model) {
        model.addAttribute("branding", branding.current());
        return page(model, "branding", "Branding");
    }

    @PostMapping("/settings/branding")
    String saveBranding(
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String color,
            HttpServletResponse response,
            Model model) {
        try {
            branding.save(name, color);
            model.addAttribute("brandingSaved", true);
            Toasts.show(response, "Branding saved.");
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("brandingError", fieldMessage(e.field(), e.getMessage()));
        }
        model.addAttribute("branding", branding.current());
        return "web/settings/page :: branding";
    }

    /** The full page of one settings tab: the shared sub-navigation marks {@code tab} as the current page. */
    static String page(Model model, String tab, String title) {
        model.addAttribute("tab", tab);
        model.addAttribute("pageTitle", title);
        return "web/settings/page";
    }

    @PostMapping("/settings/email")
    String saveEmail(@ModelAttribute EmailForm form, Model model) {
        try {
            email.save(new EmailSettingsStore.Change(
                    form.supportAddress(),
                    form.host(),
                    form.port(),
                    form.username(),
                    form.password() == null || form.password().isEmpty() ? null : form.password(),
                    form.ssl(),
                    form.fromEmail(),
                    form.fromName()));
            model.addAttribute("emailSaved", true);
            Toasts.show("Email settings saved.");
        } catch (InvalidInputException e) {
            model.addAttribute("emailError", e.field() + " " + e.getMessage());
        }
        emailSection(model);
        return "web/settings/index :: email";
    }

    @PostMapping("/settings/email/test")
    String testEmail(@RequestParam(defaultValue = "") String to, Model model) {
        try {
            model.addAttribute("check", smtpTest.sendTestMail(to));
        } catch (InvalidInputException e) {
            model.addAttribute("check", new io.postdesk.mail.SmtpCheck(false, "Recipient " + e.getMessage()));
        }
        return "web/settings/index :: emailTest";
    }

    @PostMapping("/settings/helpdesk")
    String helpdesk(@RequestParam(defaultValue = "false") boolean enabled, Model model) {
        helpdesk.setEnabled(enabled);
        model.addAttribute("helpdeskEnabled", helpdesk.isEnabled());
        model.addAttribute(
                "helpdeskSaved",
                helpdesk.isEnabled()
                        ? "Saved: new email now opens tickets."
                        : "Saved: new email no longer opens tickets; replies to existing ones still arrive.");
        Toasts.show(
                helpdesk.isEnabled()
                        ? "Helpdesk on: new email opens tickets."
                        : "Helpdesk off: new email opens no tickets.");
        return "web/settings/index :: helpdesk";
    }

    /** The address providers post mail to, shown on the page and kept on it after the secret changes. */
    private String webhookUrl() {
        return urls.of("/api/tickets/inbound-email");
    }

    @PostMapping("/settings/webhook")
    String webhookSecret(@RequestParam(defaultValue = "") String secret, Model model) {
        try {
            webhook.setSecret(secret.isBlank() ? null : secret);
            model.addAttribute("webhookSaved", secret.isBlank() ? "Saved: the secret is cleared." : "Saved.");
            Toasts.show(secret.isBlank() ? "Webhook secret cleared." : "Webhook secret saved.");
        } catch (InvalidInputException e) {
            model.addAttribute("webhookError", "Secret " + e.getMessage());
        }
        model.addAttribute("webhookUrl", webhookUrl());
        model.addAttribute("webhookSecretSet", webhook.hasSecret());
        return "web/settings/index :: webhook";
    }

    /** The trusted servers come one per line (commas work too); an unchecked box is a false. */
    @PostMapping("/settings/sender-verification")
    String senderVerification(
            @RequestParam(defaultValue = "") String trustedAuthservIds,
            @RequestParam(defaultValue = "false") boolean requireVerifiedStaff,
            Model model) {
        try {
            senderVerification.save(
                    java.util.Arrays.stream(trustedAuthservIds.split("[,\\s]+"))
                            .filter(id -> !id.isEmpty())
                            .toList(),
                    requireVerifiedStaff);
            model.addAttribute("senderVerificationSaved", true);
            Toasts.show("Sender verification saved.");
        } catch (InvalidInputException e) {
            model.addAttribute("senderVerificationError", "Trusted servers " + e.getMessage());
        }
        return senderVerificationSection(model);
    }

    @PostMapping("/settings/spam")
    String addSpam(@RequestParam(defaultValue = "") String entry, Model model) {
        try {
            spamList.list(entry);
            model.addAttribute("spamSaved", "Added.");
            Toasts.show("Added to the spam list.");
        } catch (InvalidInputException e) {
            model.addAttribute("spamError", "Entry " + e.getMessage());
        }
        return spamSection(model);
    }

    @PostMapping("/settings/spam/remove")
    String removeSpam(@RequestParam String entry, Model model) {
        spamList.unlist(entry);
        model.addAttribute("spamSaved", "Removed.");
        Toasts.show("Removed from the spam list.");
        return spamSection(model);
    }

    /** A refused staff member (duplicate email, weak password) is a form error: 422, which htmx swaps in. */
    @PostMapping("/settings/staff")
    String addStaff(@ModelAttribute StaffForm form, HttpServletResponse response, Model model) {
        try {
            staff.create(
                    form.name() == null ? "" : form.name(),
                    form.email() == null ? "" : form.email(),
                    StaffRole.fromWire(form.role() == null ? "agent" : form.role(), "role"),
                    form.password() == null || form.password().isEmpty() ? null : form.password());
            Toasts.show(response, "Staff member added.");
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("staffError", fieldMessage(e.field(), e.getMessage()));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("staffError", fieldMessage(e.field(), e.getMessage()));
        }
        return staffSection(model);
    }

    /** Edits a team member's name and role; refusing to demote the last active admin is a 422 form error. */
    @PostMapping("/settings/staff/{id}")
    String changeStaff(
            @org.springframework.web.bind.annotation.PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "agent") String role,
            HttpServletResponse response,
            Model model) {
        return staffAction(response, model, "Saved.", () -> staff.change(id, name, StaffRole.fromWire(role, "role")));
    }

    @PostMapping("/settings/staff/{id}/deactivate")
    String deactivateStaff(
            @org.springframework.web.bind.annotation.PathVariable long id, HttpServletResponse response, Model model) {
        return staffAction(response, model, "Deactivated: they can no longer sign in.", () -> staff.deactivate(id));
    }

    @PostMapping("/settings/staff/{id}/reactivate")
    String reactivateStaff(
            @org.springframework.web.bind.annotation.PathVariable long id, HttpServletResponse response, Model model) {
        return staffAction(response, model, "Reactivated.", () -> staff.reactivate(id));
    }

    /** The admin sets a temporary password to hand over; the member changes it after signing in. */
    @PostMapping("/settings/staff/{id}/password")
    String resetStaffPassword(
            @org.springframework.web.bind.annotation.PathVariable long id,
            @RequestParam(defaultValue = "") String password,
            HttpServletResponse response,
            Model model) {
        return staffAction(response, model, "Temporary password set.", () -> staff.changePassword(id, password));
    }

    /**
     * A one-time reset link for the member, shown with a copy button and its expiry, and mailed to them when SMTP is
     * configured; using it sets their new password and ends their sessions.
     */
    @PostMapping("/settings/staff/{id}/password-reset")
    String staffPasswordReset(
            @org.springframework.web.bind.annotation.PathVariable long id, HttpServletResponse response, Model model) {
        return staffAction(response, model, "Reset link created.", () -> {
            var issued = resets.issue(id);
            String url = urls.staffPasswordReset(issued.token());
            var member = staff.get(id);
            boolean emailed = staffMail.sendPasswordReset(member, url, issued.expiresAt(), issued.fingerprint());
            model.addAttribute("resetLink", new ResetLink(member.name(), url, issued.expiresAt(), emailed));
        });
    }

    record ResetLink(String name, String url, java.time.Instant expiresAt, boolean emailed) {}

    private String staffAction(HttpServletResponse response, Model model, String saved, Runnable action) {
        try {
            action.run();
            model.addAttribute("staffSaved", saved);
            Toasts.show(response, saved);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("staffError", fieldMessage(e.field(), e.getMessage()));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("staffError", fieldMessage(e.field(), e.getMessage()));
        }
        return staffSection(model);
    }

    private static String fieldMessage(String field, String message) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1) + ": " + message;
    }

    @PostMapping("/settings/tokens")
    String issueToken(
            @AuthenticationPrincipal StaffMember me, @RequestParam(defaultValue = "") String name, Model model) {
        try {
            model.addAttribute("issued", tokens.issue(me.id(), name));
            Toasts.show("Token created: copy it now.");
        } catch (InvalidInputException e) {
            model.addAttribute("tokenError", "Name " + e.getMessage());
        }
        return tokenSection(me, model);
    }

    @PostMapping("/settings/tokens/revoke")
    String revokeToken(@AuthenticationPrincipal StaffMember me, @RequestParam long id, Model model) {
        tokens.revoke(me.id(), id);
        model.addAttribute("tokenRevoked", true);
        Toasts.show("Token revoked.");
        return tokenSection(me, model);
    }

    @PostMapping("/settings/outbox/retry")
    String retry(@RequestParam long id, Model model) {
        deliveries.retry(id);
        Toasts.show("Mail queued again.");
        model.addAttribute("failedMail", deliveries.list("failed", 50));
        model.addAttribute("bouncedMail", deliveries.list("bounced", 50));
        return "web/settings/index :: outbox";
    }

    private void emailSection(Model model) {
        model.addAttribute("email", email.current());
    }

    private String senderVerificationSection(Model model) {
        var current = senderVerification.current();
        model.addAttribute("senderVerification", current);
        model.addAttribute("trustedAuthservIdLines", String.join("\n", current.trustedAuthservIds()));
        return "web/settings/index :: senderVerification";
    }

    private String spamSection(Model model) {
        model.addAttribute("spamEntries", spamList.entries());
        return "web/settings/index :: spam";
    }

    private String staffSection(Model model) {
        model.addAttribute("staffMembers", staff.all());
        model.addAttribute("deactivatedStaff", staff.deactivatedIds());
        return "web/settings/index :: staff";
    }

    private String tokenSection(StaffMember me, Model model) {
        model.addAttribute("tokens", tokens.list(me.id()));
        return "web/settings/index :: tokens";
    }
}
