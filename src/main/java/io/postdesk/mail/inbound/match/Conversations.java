package io.postdesk.mail.inbound.match;

import io.postdesk.attachment.MessageContent;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffMember;
import java.util.Optional;

/**
 * The port through which inbound mail finds and writes a conversation: tickets and orders each implement it
 * ({@link TicketConversations}, {@link OrderConversations}), so the match strategies and {@code ApplyToConversation}
 * ask the same questions of both and never branch on which one they talk to. A dry run (explain) writes through
 * {@link DryRunConversations}, which decides the same and changes nothing. The adapters call the modules' APIs only.
 */
public interface Conversations {

    /** Which kind of conversation this port finds. */
    ConversationMatch.Kind kind();

    /** The conversation's secret routing token; empty when there is no such conversation. */
    Optional<String> routingToken(long id);

    /** Whether the sender takes part in the conversation (may write to its bare routing address). */
    boolean isParticipant(long id, EmailAddress sender);

    /** The conversation whose email thread this Message-ID started. */
    Optional<Long> findByThreadMessageId(String internetMessageId);

    /** The conversation one of whose messages has this Message-ID (a reply we sent, or one we received). */
    Optional<Long> findByMessageId(String internetMessageId);

    /**
     * The conversation this one was merged into, when it was (tickets, ADR 0021): a mail that threads to a merged
     * ticket is handed on to its target.
     */
    default Optional<Long> mergedInto(long id) {
        return Optional.empty();
    }

    /** Whether a sender who is not staff may write here; reads only. */
    Admission admit(long id, InboundMail mail);

    /** Tells the customer the conversation takes no mail now; whether they were told. */
    boolean tellLocked(long id, InboundMail mail);

    /** Adds a staff member's message: a reply the customer is emailed, or, {@code internal}, a note for the team. */
    Appended appendFromStaff(long id, StaffMember member, MessageContent content, boolean internal);

    /** Adds the customer's message. */
    Appended appendFromCustomer(long id, MailAddress sender, MessageContent content);

    /** What a customer's mail may do in a conversation. */
    sealed interface Admission {
        /** The sender may write here. */
        record Accepted() implements Admission {}

        /** Not here: the mail opens a ticket of its own, as a stranger's would (an unverified non-participant). */
        record OwnTicket() implements Admission {}

        /** The conversation takes no mail now (a locked order): the mail is rejected, the customer told. */
        record Locked() implements Admission {}

        /** The sender may not write here at all. */
        record Refused(String reason, String detail) implements Admission {}
    }

    /** What an append made: the rows, and the words for the trace. */
    record Appended(Verdict.Applied applied, String detail) {}
}
