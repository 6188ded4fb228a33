package io.postdesk.mail.inbound;

import org.jspecify.annotations.Nullable;

/** A step's verdict: go on with the (possibly enriched) mail, or stop with an outcome and its reason. */
public sealed interface StepResult {

    /** The verdict's words for the trace. */
    String detail();

    record Continue(InboundMail mail, String detail) implements StepResult {}

    /**
     * @param applied what the mail became in Postdesk (ticket, order, message ids), when it became something
     */
    record Stop(
            Outcome outcome,
            @Nullable String reason,
            String detail,
            @Nullable Applied applied) implements StepResult {}

    /** The rows a mail created or touched. */
    record Applied(
            @Nullable Long ticketId,
            @Nullable Long orderId,
            @Nullable Long messageId) {}
}
