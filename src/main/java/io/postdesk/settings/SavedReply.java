package io.postdesk.settings;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saved reply (canned response): a name for the picker and a body with {@code {{placeholders}}}.
 *
 * @param id the row id
 * @param name shown in the composer's picker, unique
 * @param body the text, with placeholders such as {@code {{contact.name}}}
 */
public record SavedReply(long id, String name, String body) {

    /** The placeholders a body may use; {@link #fill} replaces these and leaves any other visible. */
    public static final java.util.List<String> PLACEHOLDERS =
            java.util.List.of("contact.name", "contact.email", "ticket.id", "ticket.subject", "agent.name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z]+\\.[a-zA-Z]+)\\s*}}");

    /**
     * The body with each known placeholder replaced by its value. An unknown or misspelt placeholder stays as
     * written, so the agent sees it before sending instead of the customer getting a silent gap.
     */
    public String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder(body.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
