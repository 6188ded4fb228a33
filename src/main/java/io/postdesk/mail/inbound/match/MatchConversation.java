package io.postdesk.mail.inbound.match;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Verdict;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds the ticket or order a mail answers, strategies in the order of SPEC §2 step 5, first hit wins:
 * {@link ByRoutingAddress}, {@link ByThreadMessageId}, {@link ByEarlierMessageId}, {@link ByReferences}. A hit by the
 * bare routing form only is kept as a fallback while the later strategies look for proof (a tokened address or a
 * Message-ID of the thread), because only a proven match lets a mail act as staff or add collaborators.
 */
@Component
public class MatchConversation implements InboundStep {

    private final List<MatchStrategy> strategies;

    MatchConversation(
            ByRoutingAddress byRoutingAddress,
            ByThreadMessageId byThreadMessageId,
            ByEarlierMessageId byEarlierMessageId,
            ByReferences byReferences) {
        this.strategies = List.of(byRoutingAddress, byThreadMessageId, byEarlierMessageId, byReferences);
    }

    @Override
    public Verdict apply(InboundMail mail) {
        ConversationMatch bare = null;
        for (MatchStrategy strategy : strategies) {
            var match = strategy.find(mail);
            if (match.isPresent() && !match.get().isBare()) {
                return matched(mail, match.get());
            }
            if (match.isPresent() && bare == null) {
                bare = match.get();
            }
        }
        return bare != null ? matched(mail, bare) : new Verdict.Continue(mail, "no existing conversation");
    }

    private static Verdict matched(InboundMail mail, ConversationMatch found) {
        return new Verdict.Continue(
                mail.withMatch(found),
                found.kind().name().toLowerCase(java.util.Locale.ROOT) + " #" + found.id() + " by "
                        + found.matchedBy().wire());
    }
}
