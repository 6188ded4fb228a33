package io.postdesk.mail.inbound.match;

import io.postdesk.mail.RoutingAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Every {@link Conversations} port, in the order the strategies ask them: tickets first, then orders. */
@Component
public class AllConversations {

    private final List<Conversations> ports;

    /** The ports in their {@code @Order}: tickets (1), then orders (2). */
    public AllConversations(List<Conversations> ports) {
        this.ports = List.copyOf(ports);
    }

    /** The first conversation a lookup finds, asking the ports in order, as a match of the given kind. */
    public Optional<ConversationMatch> first(
            Function<Conversations, Optional<Long>> lookup, ConversationMatch.MatchedBy matchedBy) {
        for (Conversations port : ports) {
            Optional<Long> id = lookup.apply(port);
            if (id.isPresent()) {
                return Optional.of(new ConversationMatch(port.kind(), id.get(), matchedBy));
            }
        }
        return Optional.empty();
    }

    /** The port a routing address points into. */
    public Conversations of(RoutingAddress.Kind kind) {
        return of(kind == RoutingAddress.Kind.TICKET ? ConversationMatch.Kind.TICKET : ConversationMatch.Kind.ORDER);
    }

    /** The port of a matched conversation's kind. */
    public Conversations of(ConversationMatch.Kind wanted) {
        return ports.stream()
                .filter(port -> port.kind() == wanted)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no conversations of kind " + wanted));
    }
}
