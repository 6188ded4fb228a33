package io.postdesk.api;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.EmailAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers. {@code ?email=} finds one by exact address; {@code ?prefix=} searches by the start of the address. */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactApiController {

    private final ContactDirectory contacts;

    ContactApiController(ContactDirectory contacts) {
        this.contacts = contacts;
    }

    @GetMapping
    List<PersonResponse> find(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String prefix) {
        if (email != null) {
            return contacts.findByEmail(EmailAddress.parse(email, "email")).map(PersonResponse::of).stream()
                    .toList();
        }
        return contacts.search(prefix == null ? "" : prefix, 50).stream()
                .map(PersonResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    PersonResponse get(@PathVariable long id) {
        return PersonResponse.of(contacts.get(id));
    }
}
