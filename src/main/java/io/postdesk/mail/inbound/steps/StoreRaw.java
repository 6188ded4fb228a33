package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.RawMails;
import io.postdesk.mail.inbound.Verdict;
import org.springframework.stereotype.Component;

/**
 * Stores the exact bytes before anything else reads them, committed on their own: whatever a later step does, the
 * mail is kept. A fresh mail is claimed by this run from the start; a re-delivery finds the earlier copy, which
 * {@link DropDuplicate} judges. A stored mail run again (resumed, retried, re-processed) is already here.
 */
@Component
public class StoreRaw implements InboundStep {

    private final RawMails raw;

    StoreRaw(RawMails raw) {
        this.raw = raw;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        if (mail.dryRun()) {
            return new Verdict.Continue(mail, "dry run: not stored");
        }
        int size = mail.delivery().raw().length;
        if (mail.inboundId() != 0) {
            return new Verdict.Continue(mail, "stored " + size + " bytes as #" + mail.inboundId());
        }
        RawMails.Copy copy = raw.store(mail.delivery());
        if (!copy.isNew()) {
            return new Verdict.Continue(mail.withStored(copy.id(), 0), "already stored as #" + copy.id());
        }
        return new Verdict.Continue(mail.withStored(copy.id(), 1), "stored " + size + " bytes as #" + copy.id());
    }
}
