package io.postdesk.api;

import io.postdesk.mail.Delivery;
import io.postdesk.order.OrderEntry;
import io.postdesk.order.OrderMessage;
import io.postdesk.ticket.ThreadEntry;
import io.postdesk.ticket.TicketMessage;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One thread message, for tickets and orders alike. */
record MessageResponse(
        long id,
        String direction,
        boolean internal,
        @Nullable String authorEmail,
        String body,
        String visibleText,
        @Nullable String bodyHtml,
        List<AttachmentResponse> attachments,
        @Nullable String emailMessageId,
        Instant createdAt,
        List<Delivery> deliveries) {

    /** A ticket message with the mails it caused (its delivery state; empty when it was not emailed). */
    static MessageResponse of(ThreadEntry entry, List<Delivery> deliveries) {
        TicketMessage m = entry.message();
        return new MessageResponse(
                m.id(),
                m.direction().wire(),
                m.internal(),
                m.authorEmail(),
                m.body(),
                m.visibleText(),
                m.bodyHtml(),
                entry.attachments().stream().map(AttachmentResponse::of).toList(),
                m.emailMessageId(),
                m.createdAt(),
                deliveries);
    }

    static MessageResponse of(OrderEntry entry) {
        OrderMessage m = entry.message();
        return new MessageResponse(
                m.id(),
                m.direction().wire(),
                m.internal(),
                m.authorEmail(),
                m.body(),
                m.visibleText(),
                m.bodyHtml(),
                entry.attachments().stream().map(AttachmentResponse::of).toList(),
                m.emailMessageId(),
                m.createdAt(),
                List.of());
    }
}
