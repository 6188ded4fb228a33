package io.postdesk.web;

import io.postdesk.assist.ModelServerFailed;
import io.postdesk.assist.Suggestions;
import io.postdesk.settings.AiSettings;
import io.postdesk.shared.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Settings → AI (admins): the switch, the provider, its key (never shown), a Test button and the suggestion figures. */
@Controller
class AiSettingsController {

    private static final String SECTION = "web/settings/ai :: ai";

    record AiForm(
            @Nullable Boolean enabled,
            @Nullable String provider,
            @Nullable String baseUrl,
            @Nullable String model,
            @Nullable String apiKey) {}

    private final AiSettings settings;
    private final Suggestions suggestions;

    AiSettingsController(AiSettings settings, Suggestions suggestions) {
        this.settings = settings;
        this.suggestions = suggestions;
    }

    @GetMapping("/settings/ai")
    String show(Model model) {
        section(model);
        return SettingsController.page(model, "ai", "AI");
    }

    /** An empty key field keeps the saved key; an unticked box means off. */
    @PostMapping("/settings/ai")
    String save(@ModelAttribute AiForm form, Model model) {
        try {
            settings.save(new AiSettings.Change(
                    Boolean.TRUE.equals(form.enabled()),
                    form.provider(),
                    form.baseUrl() == null || form.baseUrl().isBlank() ? null : form.baseUrl(),
                    form.model() == null || form.model().isBlank() ? null : form.model(),
                    form.apiKey() == null || form.apiKey().isEmpty() ? null : form.apiKey()));
            model.addAttribute("aiSaved", true);
            Toasts.show("AI settings saved.");
        } catch (InvalidInputException e) {
            model.addAttribute("aiError", e.field() + " " + e.getMessage());
        }
        return section(model);
    }

    @PostMapping("/settings/ai/test")
    String test(Model model) {
        try {
            model.addAttribute("aiCheck", suggestions.check());
        } catch (ModelServerFailed e) {
            model.addAttribute("aiCheckError", e.getMessage());
        }
        return "web/settings/ai :: aiCheck";
    }

    private String section(Model model) {
        AiSettings.Current current = settings.current();
        model.addAttribute("ai", current);
        model.addAttribute("aiFigures", suggestions.figures());
        return SECTION;
    }
}
