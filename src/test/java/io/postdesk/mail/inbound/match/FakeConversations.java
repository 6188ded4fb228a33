package io.postdesk.mail.inbound.match;

import io.postdesk.attachment.MessageContent;
import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.MimeParser;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffMember;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Conversations held in maps, for the strategies' tests: no database, no Spring. */
final class FakeConversations implements Conversations {

    private final ConversationMatch.Kind kind;
    final Map<String, Long> threads = new HashMap<>();
    final Map<String, Long> messages = new HashMap<>();
    final Map<Long, String> tokens = new HashMap<>();
    final Set<String> participants = new HashSet<>();
    final Map<Long, Long> merged = new HashMap<>();

    FakeConversations(ConversationMatch.Kind kind) {
        this.kind = kind;
    }

    @Override
    public ConversationMatch.Kind kind() {
        return kind;
    }

    @Override
    public Optional<String> routingToken(long id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public boolean isParticipant(long id, EmailAddress sender) {
        return participants.contains(id + ":" + sender.value());
    }

    @Override
    public Optional<Long> findByThreadMessageId(String internetMessageId) {
        return Optional.ofNullable(threads.get(internetMessageId));
    }

    @Override
    public Optional<Long> findByMessageId(String internetMessageId) {
        return Optional.ofNullable(messages.get(internetMessageId));
    }

    @Override
    public Optional<Long> mergedInto(long id) {
        return Optional.ofNullable(merged.get(id));
    }

    /** What {@link #admit} answers. */
    Admission admission = new Admission.Accepted();

    /** Every write that reached this port: appends and notices. */
    final List<String> writes = new java.util.ArrayList<>();

    @Override
    public Admission admit(long id, InboundMail mail) {
        return admission;
    }

    @Override
    public boolean tellLocked(long id, InboundMail mail) {
        writes.add("told locked #" + id);
        return true;
    }

    @Override
    public Appended appendFromStaff(long id, StaffMember member, MessageContent content, boolean internal) {
        writes.add("staff " + (internal ? "note" : "reply") + " #" + id);
        return new Appended(new Verdict.Applied(id, null, 1L, true), "appended");
    }

    @Override
    public Appended appendFromCustomer(long id, MailAddress sender, MessageContent content) {
        writes.add("customer message #" + id);
        return new Appended(new Verdict.Applied(id, null, 1L), "appended");
    }

    static AllConversations both(FakeConversations tickets, FakeConversations orders) {
        return new AllConversations(List.of(tickets, orders));
    }

    /** A mail parsed as the Parse step would, ready for a strategy. */
    static InboundMail parsed(TestMails mail) {
        byte[] raw = mail.bytes();
        ParsedMessage message = MimeParser.parse(raw, new MailHtml());
        return InboundMail.dryRun(new InboundDelivery(raw, "test", null, List.of()))
                .withParsed(message, message.from(), message.text());
    }
}
