package io.postdesk.order;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An order with its own thread; {@code locked} blocks client messages (SPEC §1). */
public record Order(
        long id,
        String title,
        OrderStatus status,
        boolean locked,
        long contactId,
        String routingToken,
        @Nullable String threadMessageId,
        Instant createdAt,
        Instant updatedAt) {

    /** Clients may write unless the order is locked; locking is meant for completed orders. */
    public boolean acceptsClientMessages() {
        return !locked;
    }
}
