package io.postdesk.web;

import io.postdesk.mail.inbound.InboundMails;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.settings.HelpdeskSettings;
import io.postdesk.settings.SenderVerificationSettings;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The processed-mail log (admins): every inbound mail with its outcome and reason, its step trace, the raw message,
 * and re-process or release for mail that was ignored, rejected or quarantined.
 */
@Controller
class InboundLogController {

    static final List<String> OUTCOMES =
            List.of("created", "appended", "ignored", "rejected", "duplicate", "quarantined");

    private final InboundMails inbound;
    private final HelpdeskSettings helpdesk;
    private final SenderVerificationSettings senderVerification;

    InboundLogController(
            InboundMails inbound, HelpdeskSettings helpdesk, SenderVerificationSettings senderVerification) {
        this.inbound = inbound;
        this.helpdesk = helpdesk;
        this.senderVerification = senderVerification;
    }

    @GetMapping("/settings/inbound")
    String log(@RequestParam(required = false) @Nullable String outcome, Model model) {
        String filter = outcome == null || !Set.copyOf(OUTCOMES).contains(outcome) ? null : outcome;
        model.addAttribute("outcome", filter);
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("mails", inbound.log(filter, 100));
        // The inbound sub-page also holds the switches that decide what inbound mail may do.
        model.addAttribute("helpdeskEnabled", helpdesk.isEnabled());
        var verification = senderVerification.current();
        model.addAttribute("senderVerification", verification);
        model.addAttribute("trustedAuthservIdLines", String.join("\n", verification.trustedAuthservIds()));
        model.addAttribute("tab", "inbound");
        return "web/settings/inbound";
    }

    @GetMapping("/settings/inbound/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("mail", inbound.get(id));
        return "web/settings/inbound-mail";
    }

    @GetMapping("/settings/inbound/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable long id) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("inbound-" + id + ".eml")
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(inbound.raw(id));
    }

    @PostMapping("/settings/inbound/{id}/reprocess")
    String reprocess(@PathVariable long id, @RequestParam(defaultValue = "false") boolean release, Model model) {
        Verdict.Stop result = inbound.reprocess(id, release);
        model.addAttribute("mail", inbound.get(id));
        model.addAttribute("result", result);
        return "web/settings/inbound-mail";
    }
}
