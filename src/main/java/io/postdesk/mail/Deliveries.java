package io.postdesk.mail;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.mail.outbound.Outbox;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happened to the mail Postdesk queued: per thread message, as a list, a retry for failed mail, and what bounce
 * and complaint reports said about it.
 */
@Service
public class Deliveries {

    private final Outbox outbox;
    private final ContactDirectory contacts;

    Deliveries(Outbox outbox, ContactDirectory contacts) {
        this.outbox = outbox;
        this.contacts = contacts;
    }

    /** The mails each ticket message caused (a reply to the customer), keyed by message id. */
    public Map<Long, List<Delivery>> forTicketMessages(Collection<Long> messageIds) {
        return outbox.forTicketMessages(messageIds);
    }

    /** Recent mails, newest first, optionally only those with the given status. */
    public List<Delivery> list(@Nullable String status, int limit) {
        return outbox.list(status, Math.clamp(limit, 1, 500));
    }

    public Delivery get(long id) {
        return outbox.find(id).orElseThrow(() -> new NotFoundException("mail", id));
    }

    /** Sends a failed (or waiting) mail again now. */
    @Transactional
    public Delivery retry(long id) {
        Delivery delivery = get(id);
        if (!outbox.retry(id)) {
            throw new io.postdesk.shared.ConflictException("id", "mail " + id + " is " + delivery.status());
        }
        return get(id);
    }

    /** The mail Postdesk sent with exactly this Message-ID, if it sent one. */
    public Optional<Delivery> findByInternetMessageId(String internetMessageId) {
        return outbox.findByInternetMessageId(internetMessageId);
    }

    /**
     * Records what a report said about a mail. A hard bounce or a complaint marks it {@code bounced} with the
     * diagnostic; a hard bounce also warns about each of {@code bouncedAddresses} that is a contact. Anything else (a
     * delay, a soft bounce) keeps the mail's status and notes the diagnostic.
     */
    @Transactional
    public void recordReport(
            long deliveryId,
            boolean marksBounced,
            boolean hardBounce,
            String diagnostic,
            List<EmailAddress> bouncedAddresses) {
        if (!marksBounced) {
            outbox.noteReport(deliveryId, diagnostic);
            return;
        }
        outbox.markBounced(deliveryId, diagnostic);
        if (hardBounce) {
            bouncedAddresses.forEach(address -> contacts.markBounced(address, diagnostic));
        }
    }
}
