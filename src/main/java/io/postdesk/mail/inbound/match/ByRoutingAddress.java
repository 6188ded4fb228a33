package io.postdesk.mail.inbound.match;

import io.postdesk.contact.ContactDirectory;
import io.postdesk.mail.RoutingAddress;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.order.OrderQueries;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import io.postdesk.staff.StaffDirectory;
import io.postdesk.ticket.TicketQueries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A recipient is a routing address on the support domain: {@code ticket+{id}-{token}@} with the conversation's
 * secret token (compared in constant time), or the bare {@code ticket+{id}@} from one of its participants or staff.
 * A bare match is marked as such (it proves nothing: anyone can guess it), and an unverified sender never uses the
 * bare form at all.
 */
@Component
public class ByRoutingAddress implements MatchStrategy {

    private final EmailSettingsStore settings;
    private final TicketQueries tickets;
    private final OrderQueries orders;
    private final ContactDirectory contacts;
    private final StaffDirectory staff;

    ByRoutingAddress(
            EmailSettingsStore settings,
            TicketQueries tickets,
            OrderQueries orders,
            ContactDirectory contacts,
            StaffDirectory staff) {
        this.settings = settings;
        this.tickets = tickets;
        this.orders = orders;
        this.contacts = contacts;
        this.staff = staff;
    }

    @Override
    public Optional<ConversationMatch> find(InboundMail mail) {
        var support = settings.current().supportAddress();
        Optional<ConversationMatch> bare = Optional.empty();
        for (EmailAddress recipient : recipients(mail)) {
            String domain = support == null ? recipient.domain() : support.domain();
            Optional<RoutingAddress> routing = RoutingAddress.parse(recipient, domain);
            if (routing.isEmpty()
                    || !routing.get().hasToken() && mail.senderVerdict().isUnverified()) {
                continue;
            }
            Optional<ConversationMatch> match =
                    verified(routing.get(), mail.sender().email());
            if (match.isPresent() && !match.get().isBare()) {
                return match;
            }
            bare = bare.or(() -> match);
        }
        return bare;
    }

    private Optional<ConversationMatch> verified(RoutingAddress routing, EmailAddress sender) {
        try {
            if (routing.kind() == RoutingAddress.Kind.TICKET) {
                var ticket = tickets.ticket(routing.id());
                boolean allowed = routing.hasToken()
                        ? sameToken(routing.token(), ticket.routingToken())
                        : staff.isStaff(sender)
                                || contacts.findByEmail(sender)
                                        .map(c -> tickets.isParticipant(ticket.id(), c.id()))
                                        .orElse(false);
                return allowed
                        ? Optional.of(new ConversationMatch(ConversationMatch.Kind.TICKET, ticket.id(), by(routing)))
                        : Optional.empty();
            }
            var order = orders.get(routing.id());
            boolean allowed = routing.hasToken()
                    ? sameToken(routing.token(), order.routingToken())
                    : staff.isStaff(sender)
                            || contacts.findByEmail(sender)
                                    .map(c -> c.id() == order.contactId())
                                    .orElse(false);
            return allowed
                    ? Optional.of(new ConversationMatch(ConversationMatch.Kind.ORDER, order.id(), by(routing)))
                    : Optional.empty();
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    private static ConversationMatch.MatchedBy by(RoutingAddress routing) {
        return routing.hasToken()
                ? ConversationMatch.MatchedBy.ROUTING_ADDRESS
                : ConversationMatch.MatchedBy.BARE_ROUTING_ADDRESS;
    }

    static List<EmailAddress> recipients(InboundMail mail) {
        List<EmailAddress> all = new ArrayList<>();
        ParsedMessage m = mail.message();
        m.to().forEach(a -> all.add(a.email()));
        m.cc().forEach(a -> all.add(a.email()));
        List<String> raw = new ArrayList<>(mail.delivery().envelopeTo());
        for (String header : List.of("delivered-to", "x-original-to", "envelope-to")) {
            List<String> values = m.headers().get(header);
            if (values != null) {
                raw.addAll(values);
            }
        }
        for (String value : raw) {
            String address = value.replaceAll(".*<([^>]+)>.*", "$1").strip().toLowerCase(Locale.ROOT);
            if (EmailAddress.isValid(address)) {
                all.add(new EmailAddress(address));
            }
        }
        return all;
    }

    private static boolean sameToken(String presented, String expected) {
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }
}
