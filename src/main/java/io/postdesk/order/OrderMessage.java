package io.postdesk.order;

import io.postdesk.shared.Direction;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of an order's thread; same shape and meaning as a ticket message. */
public record OrderMessage(
        long id,
        long orderId,
        Direction direction,
        boolean internal,
        @Nullable Long authorStaffId,
        @Nullable Long authorContactId,
        @Nullable String authorEmail,
        String body,
        String visibleText,
        @Nullable String bodyHtml,
        @Nullable String emailMessageId,
        Instant createdAt) {}
