package io.postdesk.api;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.contact.SignInLinks;
import io.postdesk.mail.PublicUrls;
import io.postdesk.shared.EmailAddress;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers. {@code ?email=} finds one by exact address; {@code ?prefix=} searches by the start of the address;
 * {@code POST /{id}/portal-link} issues a portal sign-in link.
 */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactApiController {

    private final ContactDirectory contacts;
    private final SignInLinks links;
    private final PublicUrls urls;

    ContactApiController(ContactDirectory contacts, SignInLinks links, PublicUrls urls) {
        this.contacts = contacts;
        this.links = links;
        this.urls = urls;
    }

    @GetMapping
    List<ContactResponse> find(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String prefix) {
        if (email != null) {
            return contacts.findByEmail(EmailAddress.parse(email, "email")).map(ContactResponse::of).stream()
                    .toList();
        }
        return contacts.search(prefix == null ? "" : prefix, 50).stream()
                .map(ContactResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    ContactResponse get(@PathVariable long id) {
        return ContactResponse.of(contacts.get(id));
    }

    record PortalLinkResponse(String url, Instant expiresAt) {}

    /**
     * A single-use portal sign-in link for the contact, for staff to hand over when no SMTP is configured. The URL
     * comes from the configured public URL, never from this request's Host header.
     */
    @PostMapping("/{id}/portal-link")
    @ResponseStatus(HttpStatus.CREATED)
    PortalLinkResponse portalLink(@PathVariable long id) {
        SignInLinks.Issued issued = links.issue(id);
        return new PortalLinkResponse(urls.portalSignIn(issued.token()), issued.expiresAt());
    }
}
