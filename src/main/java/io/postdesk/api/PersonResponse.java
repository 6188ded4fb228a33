package io.postdesk.api;

import io.postdesk.contact.Contact;
import io.postdesk.staff.StaffMember;
import org.jspecify.annotations.Nullable;

/** A person as the API shows them inside other resources. */
record PersonResponse(long id, @Nullable String name, String email) {

    static @Nullable PersonResponse of(@Nullable Contact contact) {
        return contact == null
                ? null
                : new PersonResponse(
                        contact.id(), contact.name(), contact.email().value());
    }

    static @Nullable PersonResponse of(@Nullable StaffMember staff) {
        return staff == null
                ? null
                : new PersonResponse(staff.id(), staff.name(), staff.email().value());
    }
}
