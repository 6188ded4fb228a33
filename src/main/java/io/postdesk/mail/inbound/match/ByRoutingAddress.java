package io.postdesk.mail.inbound.match;

import io.postdesk.mail.RoutingAddress;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.settings.EmailSettingsStore;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
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
    private final AllConversations conversations;
    private final StaffDirectory staff;

    ByRoutingAddress(EmailSettingsStore settings, AllConversations conversations, StaffDirectory staff) {
        this.settings = settings;
        this.conversations = conversations;
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
        Conversations port = conversations.of(routing.kind());
        Optional<String> token = port.routingToken(routing.id());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        boolean allowed = routing.hasToken()
                ? sameToken(routing.token(), token.get())
                : staff.isStaff(sender) || port.isParticipant(routing.id(), sender);
        return allowed ? Optional.of(new ConversationMatch(port.kind(), routing.id(), by(routing))) : Optional.empty();
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
