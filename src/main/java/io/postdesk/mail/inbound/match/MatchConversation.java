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
    private final AllConversations conversations;

    MatchConversation(
            AllConversations conversations,
            ByRoutingAddress byRoutingAddress,
            ByThreadMessageId byThreadMessageId,
            ByEarlierMessageId byEarlierMessageId,
            ByReferences byReferences) {
        this.conversations = conversations;
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

    /**
     * The match, handed on when it found a merged ticket: the mail lands on the ticket it was merged into, and the
     * trace (the processed-mail record) says so. The proof the strategy found (a token, a Message-ID of the thread)
     * still counts: the merge made the source's participants collaborators of the target.
     */
    private Verdict matched(InboundMail mail, ConversationMatch found) {
        String kind = found.kind().name().toLowerCase(java.util.Locale.ROOT);
        String reason = kind + " #" + found.id() + " by " + found.matchedBy().wire();
        var into = conversations.of(found.kind()).mergedInto(found.id());
        if (into.isPresent()) {
            return new Verdict.Continue(
                    mail.withMatch(new ConversationMatch(found.kind(), into.get(), found.matchedBy())),
                    kind + " #" + into.get() + " by " + found.matchedBy().wire() + " (" + reason + ", merged into #"
                            + into.get() + ")");
        }
        return new Verdict.Continue(mail.withMatch(found), reason);
    }
}
