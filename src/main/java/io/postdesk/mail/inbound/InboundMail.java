package io.postdesk.mail.inbound;

import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.inbound.steps.VerifySender;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.mime.ParsedMessage;
import org.jspecify.annotations.Nullable;

/**
 * A mail on its way through the pipeline: immutable, with what earlier steps found as typed fields.
 *
 * @param inboundId the stored raw mail's id, 0 in a dry run
 * @param dryRun explain: decide everything, change nothing
 * @param released an admin released the mail: the spam-list and auto-generated checks let it through
 * @param sender who the mail is from for Postdesk: the From address, or the original sender of a staff forward
 * @param forwardedBy the staff member who forwarded the mail, when {@code sender} came out of a forward
 * @param visibleText the reply without quoted history and signature
 * @param decision what applying the mail decided (outcome and rows), once it was applied; the run ends with it
 * @param senderVerdict what the receiving servers said about the From address ({@link VerifySender})
 */
public record InboundMail(
        long inboundId,
        boolean dryRun,
        boolean released,
        InboundDelivery delivery,
        @Nullable ParsedMessage parsed,
        @Nullable MailAddress sender,
        @Nullable MailAddress forwardedBy,
        @Nullable ConversationMatch match,
        @Nullable String visibleText,
        Verdict.@Nullable Stop decision,
        SenderVerdict senderVerdict) {

    public static InboundMail received(long inboundId, boolean dryRun, boolean released, InboundDelivery delivery) {
        return new InboundMail(
                inboundId, dryRun, released, delivery, null, null, null, null, null, null, SenderVerdict.NOT_CHECKED);
    }

    public InboundMail withParsed(ParsedMessage message, MailAddress from, String visible) {
        return new InboundMail(
                inboundId,
                dryRun,
                released,
                delivery,
                message,
                from,
                forwardedBy,
                match,
                visible,
                decision,
                senderVerdict);
    }

    public InboundMail withForward(MailAddress originalSender, MailAddress staff) {
        return new InboundMail(
                inboundId,
                dryRun,
                released,
                delivery,
                parsed,
                originalSender,
                staff,
                match,
                visibleText,
                decision,
                senderVerdict);
    }

    public InboundMail withMatch(ConversationMatch found) {
        return new InboundMail(
                inboundId,
                dryRun,
                released,
                delivery,
                parsed,
                sender,
                forwardedBy,
                found,
                visibleText,
                decision,
                senderVerdict);
    }

    public InboundMail withDecision(Verdict.Stop applied) {
        return new InboundMail(
                inboundId,
                dryRun,
                released,
                delivery,
                parsed,
                sender,
                forwardedBy,
                match,
                visibleText,
                applied,
                senderVerdict);
    }

    public InboundMail withSenderVerdict(SenderVerdict verdict) {
        return new InboundMail(
                inboundId,
                dryRun,
                released,
                delivery,
                parsed,
                sender,
                forwardedBy,
                match,
                visibleText,
                decision,
                verdict);
    }

    /**
     * Whether the mail may act as staff: not from an unverified sender and, on an existing conversation, matched by
     * more than the bare routing form (anyone can guess {@code ticket+{id}@}).
     */
    public boolean mayActAsStaff() {
        return isProvenSender();
    }

    /** Whether the mail may add collaborators: the same proof as acting as staff, because they read the whole thread. */
    public boolean mayAddCollaborators() {
        return isProvenSender();
    }

    private boolean isProvenSender() {
        return !senderVerdict.isUnverified() && (match == null || !match.isBare());
    }

    /** The parsed message; every step after Parse may rely on it. */
    public ParsedMessage message() {
        if (parsed == null) {
            throw new IllegalStateException("the mail is not parsed yet");
        }
        return parsed;
    }

    /** The effective sender; every step after Parse may rely on it. */
    @Override
    public MailAddress sender() {
        if (sender == null) {
            throw new IllegalStateException("the mail has no sender yet");
        }
        return sender;
    }

    public boolean hasSender() {
        return sender != null;
    }
}
