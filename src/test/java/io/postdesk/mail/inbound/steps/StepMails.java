package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.TestMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.MimeParser;
import java.util.List;

/** Mails as the steps before the one under test leave them: delivered, claimed or explained, and parsed. */
final class StepMails {

    private static final ParseMessage PARSE = new ParseMessage(new MimeParser(new MailHtml()));

    private StepMails() {}

    static InboundDelivery delivery(TestMails mail) {
        return new InboundDelivery(mail.bytes(), "test", null, List.of());
    }

    /** Stored as #42 and claimed by this run (first attempt), then parsed by the real Parse step. */
    static InboundMail claimed(TestMails mail) {
        return parsed(InboundMail.claimed(42, 1, false, delivery(mail)));
    }

    /** Explain: never stored, parsed by the real Parse step. */
    static InboundMail dryRun(TestMails mail) {
        return parsed(InboundMail.dryRun(delivery(mail)));
    }

    static InboundMail parsed(InboundMail unparsed) {
        return ((Verdict.Continue) PARSE.apply(unparsed)).mail();
    }
}
