package io.postdesk.api;

import io.postdesk.mail.PublicUrls;
import io.postdesk.mail.StaffMail;
import io.postdesk.staff.ApiToken;
import io.postdesk.staff.ApiTokens;
import io.postdesk.staff.PasswordResets;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import io.postdesk.staff.StaffRole;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff members (admins create them) and each staff member's own API tokens and notification switches. */
@RestController
@RequestMapping("/api/v1")
class StaffApiController {

    private final StaffDirectory staff;
    private final ApiTokens tokens;
    private final PasswordResets resets;
    private final PublicUrls urls;
    private final StaffMail mail;

    StaffApiController(StaffDirectory staff, ApiTokens tokens, PasswordResets resets, PublicUrls urls, StaffMail mail) {
        this.staff = staff;
        this.tokens = tokens;
        this.resets = resets;
        this.urls = urls;
        this.mail = mail;
    }

    record StaffRequest(
            @Nullable String name,
            @Nullable String email,
            @Nullable String role,
            @Nullable String password) {}

    record StaffResponse(
            long id, String name, String email, String role, boolean notifyNewTickets, boolean notifyCustomerReplies) {
        static StaffResponse of(StaffMember s) {
            return new StaffResponse(
                    s.id(),
                    s.name(),
                    s.email().value(),
                    s.role().wire(),
                    s.notifyNewTickets(),
                    s.notifyCustomerReplies());
        }
    }

    record NotificationsRequest(boolean notifyNewTickets, boolean notifyCustomerReplies) {}

    record TokenRequest(@Nullable String name) {}

    record TokenResponse(
            long id,
            String name,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable String token) {
        static TokenResponse of(ApiToken t, @Nullable String secret) {
            return new TokenResponse(t.id(), t.name(), t.createdAt(), t.lastUsedAt(), secret);
        }
    }

    @PostMapping("/staff")
    @ResponseStatus(HttpStatus.CREATED)
    StaffResponse create(@RequestBody StaffRequest request) {
        StaffRole role = StaffRole.fromWire(request.role() == null ? "agent" : request.role(), "role");
        return StaffResponse.of(staff.create(
                request.name() == null ? "" : request.name(),
                request.email() == null ? "" : request.email(),
                role,
                request.password()));
    }

    @GetMapping("/staff")
    List<StaffResponse> list() {
        return staff.all().stream().map(StaffResponse::of).toList();
    }

    /**
     * Admins edit a staff member: {@code {name?, role?, active?, password?}}. {@code active: false} deactivates them
     * (tickets stay; sign-in, sessions and tokens stop); the last active admin cannot be demoted or deactivated (409).
     */
    @PatchMapping("/staff/{id}")
    StaffResponse change(@PathVariable long id, @RequestBody java.util.Map<String, @Nullable Object> fields) {
        var body = new PatchBody(fields, java.util.Set.of("name", "role", "active", "password"));
        StaffMember current = staff.get(id);
        if (body.has("name") || body.has("role")) {
            String name = body.has("name") ? body.string("name") : current.name();
            String role =
                    body.has("role") ? body.string("role") : current.role().wire();
            staff.change(id, name == null ? "" : name, StaffRole.fromWire(role == null ? "" : role, "role"));
        }
        if (body.has("password")) {
            String password = body.string("password");
            staff.changePassword(id, password == null ? "" : password);
        }
        if (body.has("active")) {
            if (Boolean.FALSE.equals(body.bool("active"))) {
                staff.deactivate(id);
            } else {
                staff.reactivate(id);
            }
        }
        return StaffResponse.of(staff.get(id));
    }

    record PasswordResetResponse(String url, Instant expiresAt, boolean emailed) {}

    /**
     * Admins get a one-time password reset link for an active staff member, to hand over; it is also mailed to the
     * member when SMTP is configured ({@code emailed}). Only the newest link of a member works; using it ends the
     * member's sessions. 404 for an unknown id, 409 for a deactivated member.
     */
    @PostMapping("/staff/{id}/password-reset")
    @ResponseStatus(HttpStatus.CREATED)
    PasswordResetResponse passwordReset(@PathVariable long id) {
        var issued = resets.issue(id);
        String url = urls.staffPasswordReset(issued.token());
        boolean emailed = mail.sendPasswordReset(staff.get(id), url, issued.expiresAt(), issued.fingerprint());
        return new PasswordResetResponse(url, issued.expiresAt(), emailed);
    }

    @GetMapping("/staff/me")
    StaffResponse me(@AuthenticationPrincipal StaffMember me) {
        return StaffResponse.of(staff.get(me.id()));
    }

    @PutMapping("/staff/me/notifications")
    StaffResponse notifications(@AuthenticationPrincipal StaffMember me, @RequestBody NotificationsRequest request) {
        return StaffResponse.of(
                staff.changeNotifications(me.id(), request.notifyNewTickets(), request.notifyCustomerReplies()));
    }

    @GetMapping("/tokens")
    List<TokenResponse> tokens(@AuthenticationPrincipal StaffMember me) {
        return tokens.list(me.id()).stream().map(t -> TokenResponse.of(t, null)).toList();
    }

    /** Issues a token for the caller; the secret is in this response only. */
    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse issue(@AuthenticationPrincipal StaffMember me, @RequestBody TokenRequest request) {
        var issued = tokens.issue(me.id(), request.name() == null ? "" : request.name());
        return TokenResponse.of(issued.token(), issued.secret());
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal StaffMember me, @PathVariable long id) {
        tokens.revoke(me.id(), id);
        return ResponseEntity.noContent().build();
    }
}
