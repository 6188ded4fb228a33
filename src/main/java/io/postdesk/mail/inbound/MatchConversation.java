package io.postdesk.mail.inbound;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds the ticket or order a mail answers, strategies in the order of SPEC §2 step 5, first hit wins:
 * {@link ByRoutingAddress}, {@link ByThreadMessageId}, {@link ByEarlierMessageId}, {@link ByReferences}.
 */
@Component
class MatchConversation implements InboundStep {

    private final List<MatchStrategy> strategies;

    MatchConversation(
            ByRoutingAddress byRoutingAddress,
            ByThreadMessageId byThreadMessageId,
            ByEarlierMessageId byEarlierMessageId,
            ByReferences byReferences) {
        this.strategies = List.of(byRoutingAddress, byThreadMessageId, byEarlierMessageId, byReferences);
    }

    @Override
    public StepResult apply(InboundMail mail) {
        for (MatchStrategy strategy : strategies) {
            var match = strategy.find(mail);
            if (match.isPresent()) {
                var found = match.get();
                return new StepResult.Continue(
                        mail.withMatch(found),
                        found.kind().name().toLowerCase(java.util.Locale.ROOT) + " #" + found.id() + " by "
                                + found.matchedBy().wire());
            }
        }
        return new StepResult.Continue(mail, "no existing conversation");
    }
}
