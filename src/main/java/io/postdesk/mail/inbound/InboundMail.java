package io.postdesk.mail.inbound;

import io.postdesk.mail.inbound.match.ConversationMatch;
import io.postdesk.mail.inbound.steps.VerifySender;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.mime.ParsedMessage;
import org.jspecify.annotations.Nullable;

/**
 * A mail on its way through the pipeline: immutable, with what earlier steps found as typed fields.
 *
 * @param inboundId the stored raw mail's id; 0 in a dry run and until {@code StoreRaw} stored it
 * @param attempt which attempt at the stored mail this run is; 0 while the run holds no claim on it (a dry run, or a
 *     re-delivery that found the copy of an earlier one)
 * @param dryRun explain: decide everything, change nothing
 * @param released an admin released the mail: the spam-list and auto-generated checks let it through
 * @param sender who the mail is from for Postdesk: the From address, or the original sender of a staff forward;
 *     absent when the mail names nobody usable (a bounce from {@code <>})
 * @param forwardedBy the staff member who forwarded the mail, when {@code sender} came out of a forward
 * @param visibleText the reply without quoted history and signature
 * @param decision what applying the mail decided (outcome and rows), once it was applied; the run ends with it
 * @param senderVerdict what the receiving servers said about the From address ({@link VerifySender})
 */
public record InboundMail(
        long inboundId,
        int attempt,
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

    /** A mail a channel just delivered: not stored yet. */
    public static InboundMail delivered(InboundDelivery delivery) {
        return new InboundMail(
                0, 0, false, false, delivery, null, null, null, null, null, null, SenderVerdict.NOT_CHECKED);
    }

    /** A stored mail this run has claimed: resumed, retried or re-processed. */
    public static InboundMail claimed(long inboundId, int attempt, boolean released, InboundDelivery delivery) {
        return new InboundMail(
                inboundId,
                attempt,
                false,
                released,
                delivery,
                null,
                null,
                null,
                null,
                null,
                null,
                SenderVerdict.NOT_CHECKED);
    }

    /** Explain: a mail run to see what would become of it, never stored. */
    public static InboundMail dryRun(InboundDelivery delivery) {
        return new InboundMail(
                0, 0, true, false, delivery, null, null, null, null, null, null, SenderVerdict.NOT_CHECKED);
    }

    /** Stored (or found stored) as {@code id}; {@code claimedAttempt} 0 when another delivery's run holds it. */
    public InboundMail withStored(long id, int claimedAttempt) {
        return new InboundMail(
                id,
                claimedAttempt,
                dryRun,
                released,
                delivery,
                parsed,
                sender,
                forwardedBy,
                match,
                visibleText,
                decision,
                senderVerdict);
    }

    /** Parsed; the sender may be absent (a bounce), for the automatic-mail rules to judge. */
    public InboundMail withParsed(ParsedMessage message, @Nullable MailAddress from, String visible) {
        return new InboundMail(
                inboundId,
                attempt,
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

    /** A staff forward: from now on the mail is the original sender's. */
    public InboundMail withForward(MailAddress originalSender, MailAddress staff) {
        return new InboundMail(
                inboundId,
                attempt,
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

    /** The conversation the mail answers. */
    public InboundMail withMatch(ConversationMatch found) {
        return new InboundMail(
                inboundId,
                attempt,
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

    /** Applied: the run ends with this verdict. */
    public InboundMail withDecision(Verdict.Stop applied) {
        return new InboundMail(
                inboundId,
                attempt,
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

    /** What the receiving servers said about the sender. */
    public InboundMail withSenderVerdict(SenderVerdict verdict) {
        return new InboundMail(
                inboundId,
                attempt,
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

    /** Whether this run holds the stored mail's claim, and so may apply and record it. */
    public boolean isClaimed() {
        return attempt > 0;
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

    /** The effective sender; every step after {@code RejectSenderless} may rely on it. */
    @Override
    public MailAddress sender() {
        if (sender == null) {
            throw new IllegalStateException("the mail has no sender");
        }
        return sender;
    }

    public boolean hasSender() {
        return sender != null;
    }
}
