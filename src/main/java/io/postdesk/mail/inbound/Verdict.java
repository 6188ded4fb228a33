package io.postdesk.mail.inbound;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a step decided about a mail, and in the end what became of it: the one result type of the inbound pipeline,
 * from a step's answer to the channel's. A step either lets the (possibly enriched) mail go on, or stops it with an
 * outcome and its reason; the runner closes a stop with the mail's id, the mail as it was then, and the trace.
 */
public sealed interface Verdict {

    /** The verdict's words for the trace. */
    String detail();

    /** Go on with the mail. */
    record Continue(InboundMail mail, String detail) implements Verdict {}

    /**
     * The mail's end: its outcome and reason, the rows it created or touched, and, once the run is closed, which
     * stored mail it was ({@code 0} in a dry run), the mail as the last step saw it, and every step's line.
     *
     * @param mail absent in an answer read back from the database (a duplicate's)
     */
    record Stop(
            long inboundId,
            Outcome outcome,
            @Nullable String reason,
            String detail,
            Applied applied,
            @Nullable InboundMail mail,
            List<StepTrace> trace)
            implements Verdict {

        public Stop {
            trace = List.copyOf(trace);
        }

        /** A step's stop; the runner closes it. */
        public Stop(Outcome outcome, @Nullable String reason, String detail, @Nullable Applied applied) {
            this(0, outcome, reason, detail, applied == null ? Applied.NOTHING : applied, null, List.of());
        }

        /** An answer about a stored mail that this run did not decide (a duplicate, a mail given up on). */
        static Stop answered(long inboundId, Outcome outcome, String reason, Applied applied) {
            return new Stop(inboundId, outcome, reason, reason, applied, null, List.of());
        }

        /** The stop as the end of a run: with the mail it stopped and the whole trace. */
        Stop closed(InboundMail stopped, List<StepTrace> steps) {
            return new Stop(stopped.inboundId(), outcome, reason, detail, applied, stopped, steps);
        }

        public @Nullable Long ticketId() {
            return applied.ticketId();
        }

        public @Nullable Long orderId() {
            return applied.orderId();
        }

        public @Nullable Long messageId() {
            return applied.messageId();
        }
    }

    /**
     * The rows a mail created or touched, and whether it did so as a staff member's act.
     *
     * @param byStaff a staff reply or note: such a mail adds no collaborators
     */
    record Applied(
            @Nullable Long ticketId,
            @Nullable Long orderId,
            @Nullable Long messageId,
            boolean byStaff) {

        public static final Applied NOTHING = new Applied(null, null, null, false);

        public Applied(@Nullable Long ticketId, @Nullable Long orderId, @Nullable Long messageId) {
            this(ticketId, orderId, messageId, false);
        }
    }
}
