package io.postdesk.mail.inbound.match;

import io.postdesk.attachment.MessageContent;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffMember;
import java.util.Locale;
import java.util.Optional;

/**
 * Explain's view of a conversation: it finds and admits exactly as the real port does, and writes nothing. An append
 * says what it would have done; nobody is told anything.
 */
public final class DryRunConversations implements Conversations {

    private final Conversations real;

    public DryRunConversations(Conversations real) {
        this.real = real;
    }

    @Override
    public ConversationMatch.Kind kind() {
        return real.kind();
    }

    @Override
    public Optional<String> routingToken(long id) {
        return real.routingToken(id);
    }

    @Override
    public boolean isParticipant(long id, EmailAddress sender) {
        return real.isParticipant(id, sender);
    }

    @Override
    public Optional<Long> findByThreadMessageId(String internetMessageId) {
        return real.findByThreadMessageId(internetMessageId);
    }

    @Override
    public Optional<Long> findByMessageId(String internetMessageId) {
        return real.findByMessageId(internetMessageId);
    }

    @Override
    public Admission admit(long id, InboundMail mail) {
        return real.admit(id, mail);
    }

    @Override
    public boolean tellLocked(long id, InboundMail mail) {
        return false;
    }

    @Override
    public Appended appendFromStaff(long id, StaffMember member, MessageContent content, boolean internal) {
        return new Appended(
                applied(id, true),
                internal ? "would add a team note" : "would add a staff reply and email the customer");
    }

    @Override
    public Appended appendFromCustomer(long id, MailAddress sender, MessageContent content) {
        return new Appended(applied(id, false), "would add a customer message to " + name(id));
    }

    private Verdict.Applied applied(long id, boolean byStaff) {
        return real.kind() == ConversationMatch.Kind.TICKET
                ? new Verdict.Applied(id, null, null, byStaff)
                : new Verdict.Applied(null, id, null, byStaff);
    }

    private String name(long id) {
        return real.kind().name().toLowerCase(Locale.ROOT) + " #" + id;
    }
}
