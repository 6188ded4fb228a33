package io.postdesk.order;

import io.postdesk.attachment.AttachmentPolicy;
import io.postdesk.attachment.Attachments;
import io.postdesk.attachment.MessageContent;
import io.postdesk.attachment.NewAttachment;
import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.shared.Direction;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.Texts;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.staff.StaffMember;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The commands on orders and their threads. */
@Service
public class OrderManagement {

    private final OrderRepository orders;
    private final ContactDirectory contacts;
    private final StaffDirectory staff;
    private final Attachments attachments;
    private final AttachmentPolicy attachmentPolicy;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OrderManagement(
            OrderRepository orders,
            ContactDirectory contacts,
            StaffDirectory staff,
            Attachments attachments,
            AttachmentPolicy attachmentPolicy,
            ApplicationEventPublisher events,
            Clock clock) {
        this.orders = orders;
        this.contacts = contacts;
        this.staff = staff;
        this.attachments = attachments;
        this.attachmentPolicy = attachmentPolicy;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Order create(String title, String contactEmail, @Nullable String contactName) {
        String validTitle = Texts.singleLine(title, "title", 255, true);
        Contact client = contacts.findOrCreate(EmailAddress.parse(contactEmail, "contactEmail"), contactName);
        byte[] token = new byte[10];
        random.nextBytes(token);
        Instant now = clock.instant();
        long id = orders.insert(new Order(
                0,
                validTitle,
                OrderStatus.OPEN,
                false,
                client.id(),
                HexFormat.of().formatHex(token),
                null,
                now,
                now));
        return get(id);
    }

    /** Changes status and/or lock; {@code null} leaves a field as it is. */
    @Transactional
    public Order change(long orderId, @Nullable OrderStatus status, @Nullable Boolean locked) {
        Order before = locked(orderId);
        Order after = new Order(
                before.id(),
                before.title(),
                status == null ? before.status() : status,
                locked == null ? before.locked() : locked,
                before.contactId(),
                before.routingToken(),
                before.threadMessageId(),
                before.createdAt(),
                clock.instant());
        orders.update(after);
        return after;
    }

    /** Staff write on an order whether or not it is locked. */
    @Transactional
    public OrderEntry reply(long orderId, long staffId, String body, boolean internal, List<NewAttachment> files) {
        return reply(orderId, staffId, MessageContent.typed(body, files), internal);
    }

    /** A message by staff, typed or mailed; unless it is a team note it is emailed to the client. */
    @Transactional
    public OrderEntry reply(long orderId, long staffId, MessageContent content, boolean internal) {
        locked(orderId);
        StaffMember author = staff.get(staffId);
        OrderEntry entry = store(
                orderId,
                Direction.OUTBOUND,
                internal,
                staffId,
                null,
                author.email().value(),
                content);
        if (!internal) {
            events.publishEvent(new OrderStaffReplied(orderId, entry.message().id(), staffId));
        }
        return entry;
    }

    /** Records the Message-ID a message was mailed with, so the client's answer finds the order. */
    @Transactional
    public void recordEmailMessageId(long orderId, long messageId, String internetMessageId) {
        orders.recordEmailMessageId(orderId, messageId, internetMessageId);
    }

    /** A client message; refused with {@link OrderLockedException} while the order is locked. */
    @Transactional
    public OrderEntry addClientMessage(long orderId, long contactId, String body, List<NewAttachment> files) {
        return addClientMessage(orderId, contactId, MessageContent.typed(body, files));
    }

    @Transactional
    public OrderEntry addClientMessage(long orderId, long contactId, MessageContent content) {
        Order order = locked(orderId);
        Contact client = contacts.get(contactId);
        if (order.contactId() != contactId) {
            throw new NotFoundException("order", orderId);
        }
        if (!order.acceptsClientMessages()) {
            throw new OrderLockedException(orderId);
        }
        return store(
                orderId,
                Direction.INBOUND,
                false,
                null,
                contactId,
                client.email().value(),
                content);
    }

    private OrderEntry store(
            long orderId,
            Direction direction,
            boolean internal,
            @Nullable Long staffId,
            @Nullable Long contactId,
            String authorEmail,
            MessageContent content) {
        String body = content.checkedBody();
        String visible = content.checkedVisibleText();
        long id = orders.insertMessage(new OrderMessage(
                0,
                orderId,
                direction,
                internal,
                staffId,
                contactId,
                authorEmail,
                body,
                visible,
                content.bodyHtml(),
                content.emailMessageId(),
                clock.instant()));
        var stored = attachments.attach(Attachments.Owner.ORDER_MESSAGE, id, attachmentPolicy.accept(content));
        if (content.emailMessageId() != null) {
            orders.recordThreadRoot(orderId, content.emailMessageId());
        }
        return new OrderEntry(orders.findMessage(id).orElseThrow(), stored);
    }

    private Order get(long id) {
        return orders.findById(id).orElseThrow(() -> new NotFoundException("order", id));
    }

    private Order locked(long id) {
        return orders.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("order", id));
    }
}
