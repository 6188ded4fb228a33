package io.postdesk.mail.inbound;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.ticket.CustomerReplied;
import io.postdesk.ticket.TicketDetails;
import io.postdesk.ticket.TicketOpened;
import io.postdesk.ticket.TicketQueries;
import io.postdesk.ticket.TicketSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A contact's bounce warning goes when mail from them arrives: their address works again. Only mail counts (a
 * message typed in the portal says nothing about the mailbox), so a customer message without a Message-ID does not.
 * It runs in the transaction that added the message.
 */
@Component
class BounceWarnings {

    private final ContactDirectory contacts;
    private final TicketQueries tickets;

    BounceWarnings(ContactDirectory contacts, TicketQueries tickets) {
        this.contacts = contacts;
        this.tickets = tickets;
    }

    @EventListener
    void on(CustomerReplied event) {
        boolean byMail = tickets.findVisibleMessage(event.messageId())
                .map(m -> m.emailMessageId() != null)
                .orElse(false);
        if (byMail) {
            contacts.clearBounce(event.contactId());
        }
    }

    @EventListener
    void on(TicketOpened event) {
        if (event.source() != TicketSource.EMAIL) {
            return;
        }
        TicketDetails details = tickets.details(event.ticketId());
        if (details.contact() != null) {
            contacts.clearBounce(details.contact().id());
        }
    }
}
