package io.postdesk.mail.inbound.match;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.order.OrderQueries;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Orders as {@link Conversations}: one email thread each, written by the order's client. An order keeps the
 * Message-IDs of its thread, not of each message, so a match by an earlier message finds none.
 */
@Component
@Order(2)
public class OrderConversations implements Conversations {

    private final OrderQueries orders;
    private final ContactDirectory contacts;

    OrderConversations(OrderQueries orders, ContactDirectory contacts) {
        this.orders = orders;
        this.contacts = contacts;
    }

    @Override
    public ConversationMatch.Kind kind() {
        return ConversationMatch.Kind.ORDER;
    }

    @Override
    public Optional<String> routingToken(long id) {
        try {
            return Optional.of(orders.get(id).routingToken());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isParticipant(long id, EmailAddress sender) {
        long client = orders.get(id).contactId();
        return contacts.findByEmail(sender).map(c -> c.id() == client).orElse(false);
    }

    @Override
    public Optional<Long> findByThreadMessageId(String internetMessageId) {
        return orders.findByEmailMessageId(internetMessageId);
    }

    @Override
    public Optional<Long> findByMessageId(String internetMessageId) {
        return Optional.empty();
    }
}
