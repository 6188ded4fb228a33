package io.postdesk.mail;

import io.postdesk.mail.outbound.Outbox;
import io.postdesk.shared.NotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What happened to the mail Postdesk queued: per thread message, as a list, and a retry for failed mail. */
@Service
public class Deliveries {

    private final Outbox outbox;

    Deliveries(Outbox outbox) {
        this.outbox = outbox;
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
}
