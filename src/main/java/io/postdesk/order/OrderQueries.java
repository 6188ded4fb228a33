package io.postdesk.order;

import io.postdesk.attachment.Attachment;
import io.postdesk.attachment.Attachments;
import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The reads on orders. */
@Service
@Transactional(readOnly = true)
public class OrderQueries {

    private final OrderRepository orders;
    private final Attachments attachments;

    OrderQueries(OrderRepository orders, Attachments attachments) {
        this.orders = orders;
        this.attachments = attachments;
    }

    public Order get(long id) {
        return orders.findById(id).orElseThrow(() -> new NotFoundException("order", id));
    }

    /** Newest first, optionally one client's; {@code page} counts from 0. */
    public List<Order> list(@Nullable Long contactId, int page, int size) {
        if (size < 1 || size > 100 || page < 0 || (long) page * size > 10_000) {
            throw new InvalidInputException("page", "page must be 0 or more and size 1 to 100");
        }
        return orders.list(contactId, page * size, size);
    }

    /** The order whose thread contains this Message-ID (root or any message), for matching email replies. */
    public java.util.Optional<Long> findByEmailMessageId(String internetMessageId) {
        return orders.findByEmailMessageId(internetMessageId);
    }

    public List<OrderEntry> thread(long orderId, boolean includeInternal) {
        get(orderId);
        List<OrderMessage> messages = orders.messages(orderId, includeInternal);
        Map<Long, List<Attachment>> files = attachments.forMessages(
                Attachments.Owner.ORDER_MESSAGE,
                messages.stream().map(OrderMessage::id).toList());
        return messages.stream()
                .map(m -> new OrderEntry(m, files.getOrDefault(m.id(), List.of())))
                .toList();
    }
}
