package io.postdesk.web;

import io.postdesk.assist.ModelServerFailed;
import io.postdesk.assist.Suggestion;
import io.postdesk.assist.Suggestions;
import io.postdesk.assist.ThreadSummary;
import io.postdesk.settings.AiSettings;
import io.postdesk.shared.NotFoundException;
import io.postdesk.staff.StaffMember;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The composer's AI Suggest button: streams the draft as newline-delimited JSON ({@code {"chunk": …}} lines, then one
 * {@code {"done": true, sources, provider, model, reason}} or {@code {"error": …}} line), which postdesk.js reads with
 * fetch and writes into the reply box. Nothing is sent; the agent edits and sends the reply as usual.
 */
@Controller
class SuggestionController {

    private final Suggestions suggestions;
    private final JsonMapper json;

    SuggestionController(Suggestions suggestions, JsonMapper json) {
        this.suggestions = suggestions;
        this.json = json;
    }

    @PostMapping("/tickets/{id}/suggestion")
    ResponseEntity<StreamingResponseBody> suggest(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean includeNotes,
            @AuthenticationPrincipal StaffMember me,
            HttpServletResponse response) {
        long staffId = me.id();
        StreamingResponseBody body = out -> {
            try {
                Suggestion s = suggestions.suggest(
                        id, staffId, includeNotes, chunk -> line(out, response, Map.of("chunk", chunk)));
                Map<String, Object> done = new LinkedHashMap<>();
                done.put("done", true);
                done.put("provider", s.provider());
                done.put("model", s.model());
                done.put("sources", s.sources());
                done.put("reason", s.reason());
                line(out, response, done);
            } catch (ModelServerFailed e) {
                line(out, response, Map.of("error", e.getMessage()));
            } catch (NotFoundException e) {
                line(out, response, Map.of("error", "This ticket no longer exists."));
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no")
                .body(body);
    }

    private void line(OutputStream out, HttpServletResponse response, Map<String, ?> value) {
        try {
            out.write((json.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
            // Spring 7 hands StreamingResponseBody a stream whose flush() does nothing (StreamUtils.nonFlushing), so
            // without this every chunk waited in Tomcat's buffer until the draft ended (FirstTokenBench, ADR 0025).
            response.flushBuffer();
        } catch (IOException e) {
            // The agent pressed Stop or left the page: abandon the draft.
            throw new UncheckedIOException(e);
        }
    }

    /** The "Summarize" button at the top of a long thread: an htmx fragment with the paragraph or the reason. */
    @PostMapping("/tickets/{id}/summary")
    String summary(@PathVariable long id, Model model) {
        try {
            ThreadSummary summary = suggestions.summarize(id);
            model.addAttribute("summary", summary.text());
            model.addAttribute("summaryError", summary.reason());
            model.addAttribute("summaryProvider", summary.model() != null ? summary.model() : summary.provider());
        } catch (ModelServerFailed e) {
            model.addAttribute("summaryError", e.getMessage());
        }
        return "web/tickets/detail :: summary";
    }

    /** Tells the ticket page whether to show the AI Suggest button. */
    @ControllerAdvice(assignableTypes = TicketDetailController.class)
    static class AiSuggestSwitch {

        private final AiSettings settings;

        AiSuggestSwitch(AiSettings settings) {
            this.settings = settings;
        }

        @ModelAttribute("aiSuggest")
        boolean aiSuggest() {
            return settings.current().enabled();
        }
    }
}
