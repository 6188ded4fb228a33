package io.postdesk.mail.inbound.match;

import io.postdesk.mail.RoutingAddress;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every {@link Conversations} port, in the order the strategies ask them: tickets first, then orders. */
@Component
public class AllConversations {

    private final List<Conversations> ports;

    /** The ports in their {@code @Order}: tickets (1), then orders (2). */
    public AllConversations(List<Conversations> ports) {
        this.ports = List.copyOf(ports);
    }

    public List<Conversations> inOrder() {
        return ports;
    }

    /** The port a routing address points into. */
    public Conversations of(RoutingAddress.Kind kind) {
        ConversationMatch.Kind wanted =
                kind == RoutingAddress.Kind.TICKET ? ConversationMatch.Kind.TICKET : ConversationMatch.Kind.ORDER;
        return ports.stream()
                .filter(port -> port.kind() == wanted)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no conversations of kind " + wanted));
    }
}
