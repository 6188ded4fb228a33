package io.postdesk.mail.inbound;

/** One named step of the {@link InboundPipeline}. Steps are imperative verb phrases: {@code RejectSpamListed}. */
public interface InboundStep {

    /** The step's name in traces: snake_case of the class name. */
    default String name() {
        return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    Verdict apply(InboundMail mail);
}
