package io.postdesk.web;

import io.postdesk.mail.inbound.mailbox.MailboxPoller;
import io.postdesk.settings.MailboxSettingsStore;
import io.postdesk.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Settings → Mailbox (admins): the IMAP/POP3 mailbox to fetch from, Test Connection, Fetch now, the last fetch. */
@Controller
class MailboxSettingsController {

    private static final String SECTION = "web/settings/index :: mailbox";

    private final MailboxSettingsStore settings;
    private final MailboxPoller poller;

    MailboxSettingsController(MailboxSettingsStore settings, MailboxPoller poller) {
        this.settings = settings;
        this.poller = poller;
    }

    @GetMapping("/settings/mailbox")
    String show(Model model) {
        section(model);
        return SettingsController.page(model, "mailbox", "Mailbox");
    }

    /** From the form: an empty password field keeps the saved password, an unticked box means false. */
    @PostMapping("/settings/mailbox")
    String save(@ModelAttribute MailboxSettingsStore.Change form, Model model) {
        try {
            settings.save(new MailboxSettingsStore.Change(
                    Boolean.TRUE.equals(form.enabled()),
                    form.protocol(),
                    form.host(),
                    form.port(),
                    Boolean.TRUE.equals(form.ssl()),
                    form.username(),
                    form.password() == null || form.password().isEmpty() ? null : form.password(),
                    form.folder(),
                    form.processedFolder()));
            model.addAttribute("mailboxSaved", true);
            Toasts.show("Mailbox settings saved.");
        } catch (InvalidInputException e) {
            model.addAttribute("mailboxError", e.field() + " " + e.getMessage());
        }
        return section(model);
    }

    @PostMapping("/settings/mailbox/test")
    String test(Model model) {
        model.addAttribute("mailbox", settings.current());
        model.addAttribute("mailboxCheck", poller.test());
        return "web/settings/index :: mailboxCheck";
    }

    @PostMapping("/settings/mailbox/fetch")
    String fetch(Model model) {
        poller.pollNow();
        Toasts.show("Mailbox checked.");
        return section(model);
    }

    private String section(Model model) {
        model.addAttribute("mailbox", settings.current());
        model.addAttribute("lastPoll", poller.lastPoll().orElse(null));
        return SECTION;
    }
}
