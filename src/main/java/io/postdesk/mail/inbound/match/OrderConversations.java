package io.postdesk.mail.inbound.match;

import io.postdesk.attachment.MessageContent;
import io.postdesk.contact.Contact;
import io.postdesk.contact.ContactDirectory;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.outbound.CustomerNotices;
import io.postdesk.order.OrderManagement;
import io.postdesk.order.OrderQueries;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import io.postdesk.staff.StaffMember;
import java.util.Objects;
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
    private final OrderManagement orderManagement;
    private final ContactDirectory contacts;
    private final CustomerNotices notices;

    OrderConversations(
            OrderQueries orders, OrderManagement orderManagement, ContactDirectory contacts, CustomerNotices notices) {
        this.orders = orders;
        this.orderManagement = orderManagement;
        this.contacts = contacts;
        this.notices = notices;
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
        return client(id, sender).isPresent();
    }

    @Override
    public Optional<Long> findByThreadMessageId(String internetMessageId) {
        return orders.findByEmailMessageId(internetMessageId);
    }

    @Override
    public Optional<Long> findByMessageId(String internetMessageId) {
        return Optional.empty();
    }

    @Override
    public Admission admit(long id, InboundMail mail) {
        EmailAddress sender = mail.sender().email();
        if (client(id, sender).isEmpty()) {
            return new Admission.Refused("not_a_participant", sender + " is not the client of order #" + id);
        }
        return orders.get(id).acceptsClientMessages() ? new Admission.Accepted() : new Admission.Locked();
    }

    @Override
    public boolean tellLocked(long id, InboundMail mail) {
        return notices.orderLocked(
                id,
                mail.sender().email(),
                mail.message().messageId(),
                false,
                Objects.requireNonNullElse(mail.message().messageId(), "inbound-" + mail.inboundId()));
    }

    @Override
    public Appended appendFromStaff(long id, StaffMember member, MessageContent content, boolean internal) {
        var entry = orderManagement.reply(id, member.id(), content, internal);
        return new Appended(new Verdict.Applied(null, id, entry.message().id(), true), "staff message on order #" + id);
    }

    @Override
    public Appended appendFromCustomer(long id, MailAddress sender, MessageContent content) {
        Contact client = client(id, sender.email())
                .orElseThrow(() -> new IllegalStateException(sender.email() + " is not the client of order #" + id));
        var entry = orderManagement.addClientMessage(id, client.id(), content);
        return new Appended(new Verdict.Applied(null, id, entry.message().id()), "client message on order #" + id);
    }

    private Optional<Contact> client(long id, EmailAddress sender) {
        long clientId = orders.get(id).contactId();
        return contacts.findByEmail(sender).filter(c -> c.id() == clientId);
    }
}
