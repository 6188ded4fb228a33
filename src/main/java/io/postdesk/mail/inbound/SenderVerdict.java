package io.postdesk.mail.inbound;

import io.postdesk.mail.inbound.steps.VerifySender;
import java.util.Locale;

/**
 * What the receiving servers said about the mail's {@code From}, as {@link VerifySender} judged it (SPEC §2, step 3).
 * An {@link Unverified} mail may add a customer message as a stranger's mail would, but never acts as staff, never
 * adds collaborators and never uses the bare routing form.
 */
public sealed interface SenderVerdict {

    /** The word for the processed-mail log: {@code verified}, {@code unverified} or {@code unknown}. */
    default String wire() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Why the verdict is what it is, for the trace. */
    String detail();

    default boolean isUnverified() {
        return this instanceof Unverified;
    }

    /** A trusted server saw DMARC pass, or an SPF or DKIM pass aligned with the From domain. */
    record Verified(String detail) implements SenderVerdict {}

    /** DMARC failed, or no SPF/DKIM result passed aligned, or staff mail came without a verdict that is required. */
    record Unverified(String detail) implements SenderVerdict {}

    /** No trusted server said anything: the mail is treated as before sender verification existed. */
    record Unknown(String detail) implements SenderVerdict {}

    SenderVerdict NOT_CHECKED = new Unknown("not checked yet");
}
