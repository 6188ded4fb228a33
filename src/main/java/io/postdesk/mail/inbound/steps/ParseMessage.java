package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.MimeParser;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.mail.mime.QuotedReply;
import io.postdesk.shared.EmailAddress;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Parses the raw bytes ({@link MimeParser}), finds the sender (From, else a valid envelope sender; none at all for a
 * bounce from {@code <>}) and the visible reply without quoted history.
 */
@Component
public class ParseMessage implements InboundStep {

    private final MimeParser parser;

    ParseMessage(MimeParser parser) {
        this.parser = parser;
    }

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public Verdict apply(InboundMail mail) {
        var rawHtml = new java.util.concurrent.atomic.AtomicReference<@org.jspecify.annotations.Nullable String>();
        ParsedMessage message = parser.parse(mail.delivery().raw(), rawHtml::set);
        MailAddress from = message.from();
        if (from == null
                && mail.delivery().envelopeFrom() != null
                && EmailAddress.isValid(mail.delivery().envelopeFrom().strip().toLowerCase(Locale.ROOT))) {
            from = new MailAddress(null, EmailAddress.parse(mail.delivery().envelopeFrom(), "from"));
        }
        String visible = QuotedReply.visiblePart(message.text(), rawHtml.get());
        // A mail without a usable sender goes on: the automatic-mail rules judge it first (a bounce from <> is
        // ignored, not rejected); RejectSenderless rejects what is left.
        return new Verdict.Continue(
                mail.withParsed(message, from, visible),
                (from == null ? "no usable sender" : "from " + from.email()) + ", "
                        + message.attachments().size() + " attachment(s), " + message.mimeType()
                        + (message.cuts().isEmpty() ? "" : "; left out: " + String.join(", ", message.cuts())));
    }

    /** Parses an attached message the same way (a staff forward's original). */
    static ParsedMessage parse(byte[] raw, MailHtml html) {
        return MimeParser.parse(raw, html);
    }
}
