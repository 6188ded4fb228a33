package io.postdesk.mail.outbound;

import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.order.Order;
import io.postdesk.order.OrderEntry;
import io.postdesk.order.OrderManagement;
import io.postdesk.order.OrderQueries;
import io.postdesk.order.OrderStaffReplied;
import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.Direction;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Emails what staff write on an order to its client, threaded like ticket replies: Reply-To is the order's routing
 * address and the Message-ID is recorded, so the client's answer comes back onto the order (SPEC §1, seed "Replies to
 * orders"). Queued in the outbox in the writer's transaction; nothing goes out without SMTP settings.
 */
@Component
class OrderMailer {

    private final EmailSettingsStore settings;
    private final OrderQueries orders;
    private final OrderManagement orderManagement;
    private final ContactDirectory contacts;
    private final ThreadedReplies replies;

    OrderMailer(
            EmailSettingsStore settings,
            OrderQueries orders,
            OrderManagement orderManagement,
            ContactDirectory contacts,
            ThreadedReplies replies) {
        this.settings = settings;
        this.orders = orders;
        this.orderManagement = orderManagement;
        this.contacts = contacts;
        this.replies = replies;
    }

    @EventListener
    void on(OrderStaffReplied event) {
        EmailSettings smtp = settings.current();
        if (!smtp.canSend()) {
            return;
        }
        Order order = orders.get(event.orderId());
        Contact client = contacts.get(order.contactId());
        List<OrderEntry> thread = orders.thread(order.id(), false);
        OrderEntry written = thread.stream()
                .filter(e -> e.message().id() == event.messageId())
                .findFirst()
                .orElseThrow();
        String sentAs = replies.send(
                smtp,
                new ThreadedReplies.Reply(
                        "o",
                        order.id(),
                        event.messageId(),
                        order.threadMessageId(),
                        thread.stream()
                                .map(OrderEntry::message)
                                .map(m -> new ThreadedReplies.Earlier(
                                        m.id(), m.emailMessageId(), m.direction() == Direction.INBOUND))
                                .toList(),
                        CustomerNotices.orderRoutingAddress(
                                order, smtp.supportAddress().domain()),
                        new MailDraft.Recipient(client.name(), client.email()),
                        List.of(),
                        "Re: " + order.title() + " [order #" + order.id() + "]",
                        written.message().visibleText(),
                        written.attachments(),
                        "order-message:" + event.messageId(),
                        new Outbox.Origin(null, null, order.id())));
        orderManagement.recordEmailMessageId(order.id(), event.messageId(), sentAs);
    }
}
