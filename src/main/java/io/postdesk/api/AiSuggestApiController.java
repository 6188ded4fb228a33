package io.postdesk.api;

import io.postdesk.assist.ModelServerFailed;
import io.postdesk.assist.Suggestion;
import io.postdesk.assist.Suggestions;
import io.postdesk.settings.AiSettings;
import io.postdesk.staff.StaffMember;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** AI Suggest: its settings (admin, under {@code /settings}) and a draft reply for a ticket (staff). */
@RestController
class AiSuggestApiController {

    record AiSettingsRequest(
            @Nullable Boolean enabled,
            @Nullable String provider,
            @Nullable String baseUrl,
            @Nullable String model,
            @Nullable String apiKey) {}

    record AiSettingsResponse(
            boolean enabled,
            String provider,
            @Nullable String baseUrl,
            @Nullable String model,
            boolean apiKeySet) {

        static AiSettingsResponse of(AiSettings.Current current) {
            return new AiSettingsResponse(
                    current.enabled(), current.provider(), current.baseUrl(), current.model(), current.apiKeySet());
        }
    }

    record SuggestionRequest(@Nullable Boolean includeNotes) {}

    record SuggestionResponse(
            @Nullable String draft,
            String provider,
            @Nullable String model,
            List<Suggestion.Source> sources,
            @Nullable String reason) {}

    private final AiSettings settings;
    private final Suggestions suggestions;

    AiSuggestApiController(AiSettings settings, Suggestions suggestions) {
        this.settings = settings;
        this.suggestions = suggestions;
    }

    @GetMapping("/api/v1/settings/ai")
    AiSettingsResponse settings() {
        return AiSettingsResponse.of(settings.current());
    }

    /** A null or absent {@code apiKey} keeps the stored key; {@code ""} clears it. */
    @PutMapping("/api/v1/settings/ai")
    AiSettingsResponse settings(@RequestBody AiSettingsRequest request) {
        return AiSettingsResponse.of(settings.save(new AiSettings.Change(
                request.enabled(), request.provider(), request.baseUrl(), request.model(), request.apiKey())));
    }

    @PostMapping("/api/v1/tickets/{id}/suggestion")
    SuggestionResponse suggest(
            @PathVariable long id,
            @RequestBody(required = false) @Nullable SuggestionRequest request,
            @AuthenticationPrincipal StaffMember me) {
        boolean includeNotes = request != null && Boolean.TRUE.equals(request.includeNotes());
        Suggestion s = suggestions.suggest(id, me.id(), includeNotes, null);
        return new SuggestionResponse(s.draft(), s.provider(), s.model(), s.sources(), s.reason());
    }

    @ExceptionHandler
    ProblemDetail on(ModelServerFailed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("Model server failed");
        return problem;
    }
}
