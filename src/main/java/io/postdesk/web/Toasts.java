package io.postdesk.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Short confirmations for htmx requests: an {@code HX-Trigger} header with a {@code postdesk:toast} event, which
 * postdesk.js shows in the layout's {@code role="status"} region (full-page posts use the {@code toast} flash
 * attribute instead). An undo names a URL and the form fields that put the previous value back.
 */
final class Toasts {

    static final String EVENT = "postdesk:toast";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Toasts() {}

    /** A confirmation without undo, for an htmx request. */
    static void show(HttpServletResponse response, String message) {
        var toast = new LinkedHashMap<String, Object>();
        toast.put("message", message);
        trigger(response, toast);
    }

    /** A confirmation without undo for the htmx request being handled (no-op outside a request). */
    static void show(String message) {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                        instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            show(attributes.getResponse(), message);
        }
    }

    static void undoable(HttpServletResponse response, String message, String url, Map<String, String> fields) {
        var toast = new LinkedHashMap<String, Object>();
        toast.put("message", message);
        toast.put("undo", Map.of("url", url, "fields", fields));
        trigger(response, toast);
    }

    private static void trigger(HttpServletResponse response, Map<String, Object> toast) {
        // Jackson escapes what a header must not carry raw; non-ASCII goes as \\u escapes so the header stays ASCII.
        String json = JSON.writeValueAsString(Map.of(EVENT, toast));
        var ascii = new StringBuilder();
        json.codePoints().forEach(c -> {
            if (c < 0x20 || c > 0x7e) {
                Character.toString(c).chars().forEach(u -> ascii.append(String.format("\\u%04x", u)));
            } else {
                ascii.appendCodePoint(c);
            }
        });
        response.setHeader("HX-Trigger", ascii.toString());
    }
}
