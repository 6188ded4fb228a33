package io.postdesk.ticket;

import io.postdesk.contact.Contact;
import io.postdesk.staff.StaffMember;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A ticket with the people and labels around it, as lists and detail views show it. */
public record TicketDetails(
        Ticket ticket,
        @Nullable StaffMember assignee,
        @Nullable Contact contact,
        List<Contact> collaborators,
        List<String> tags) {}
