package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Outcome;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.spam.SpamList;
import org.springframework.stereotype.Component;

/** Mail from an address or domain on the spam list is rejected (SPEC §2, step 2). */
@Component
public class RejectSpamListed implements InboundStep {

    private final SpamList spamList;

    RejectSpamListed(SpamList spamList) {
        this.spamList = spamList;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        if (mail.released()) {
            return new Verdict.Continue(mail, "released by an admin: not checked");
        }
        if (!mail.hasSender()) {
            return new Verdict.Continue(mail, "no sender: not checked");
        }
        var sender = mail.sender().email();
        if (spamList.isListed(sender)) {
            return new Verdict.Stop(Outcome.REJECTED, "spam_list", sender + " is on the spam list", null);
        }
        return new Verdict.Continue(mail, sender + " is not on the spam list");
    }
}
