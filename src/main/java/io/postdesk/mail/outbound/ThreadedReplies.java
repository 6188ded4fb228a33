package io.postdesk.mail.outbound;

import io.postdesk.attachment.Attachment;
import io.postdesk.settings.EmailSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Emails what staff wrote in a conversation (a ticket's or an order's) to its customer, threaded: Message-ID,
 * In-Reply-To the customer's last mail and References the thread's earlier Message-IDs ({@link ThreadingHeaders}),
 * Reply-To the conversation's routing address, queued once per message in the writer's transaction. The one builder
 * of {@link TicketMailer} and {@link OrderMailer}.
 */
@Component
class ThreadedReplies {

    private final MailComposer composer;
    private final Outbox outbox;

    ThreadedReplies(MailComposer composer, Outbox outbox) {
        this.composer = composer;
        this.outbox = outbox;
    }

    /** A message of the thread, for its threading headers. */
    record Earlier(long id, @Nullable String emailMessageId, boolean isInbound) {}

    /**
     * One staff message to send.
     *
     * @param prefix what the Message-ID's local part starts with: {@code t} for tickets, {@code o} for orders
     * @param dedupe the outbox key: the same message is queued once, whatever calls again
     */
    record Reply(
            String prefix,
            long conversationId,
            long messageId,
            @Nullable String threadMessageId,
            List<Earlier> thread,
            String replyTo,
            MailDraft.Recipient to,
            List<MailDraft.Recipient> cc,
            String subject,
            String text,
            List<Attachment> attachments,
            String dedupe,
            Outbox.Origin origin) {}

    /** Queues the reply; returns the Message-ID it goes out with, for the conversation to record. */
    String send(EmailSettings smtp, Reply reply) {
        List<Earlier> before = reply.thread().stream()
                .filter(m -> m.id() < reply.messageId() && m.emailMessageId() != null)
                .toList();
        String lastFromCustomer = before.stream()
                .filter(Earlier::isInbound)
                .map(Earlier::emailMessageId)
                .reduce((first, second) -> second)
                .orElse(null);
        ThreadingHeaders threading = ThreadingHeaders.forReply(
                reply.prefix(),
                reply.conversationId(),
                reply.messageId(),
                smtp.supportAddress().domain(),
                reply.threadMessageId(),
                before.stream().map(Earlier::emailMessageId).toList(),
                lastFromCustomer);
        MailDraft draft = new MailDraft(
                smtp.fromEmail(),
                smtp.fromName(),
                reply.replyTo(),
                List.of(reply.to()),
                reply.cc(),
                reply.subject(),
                reply.text(),
                threading,
                false,
                reply.attachments());
        outbox.enqueue(Outbox.Purpose.REPLY, reply.dedupe(), reply.origin(), composer.compose(draft), false, null);
        return threading.messageId();
    }
}
