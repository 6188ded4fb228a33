package io.postdesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a search was found in a text, as a short piece of HTML: the text is escaped, every match is wrapped in
 * {@code <mark>}, and nothing of the text's own markup survives (it is plain visible text, never mail HTML).
 */
public final class Snippet {

    static final int BEFORE = 60;
    static final int LENGTH = 200;

    private Snippet() {}

    /** The snippet of {@code text} around the first match of the search's words or phrases; null without one. */
    public static @Nullable String of(@Nullable String text, SearchQuery search) {
        Pattern pattern = pattern(search);
        if (text == null || pattern == null) {
            return null;
        }
        Matcher first = pattern.matcher(text);
        if (!first.find()) {
            return null;
        }
        int start = Math.max(0, first.start() - BEFORE);
        while (start > 0 && start < first.start() && !Character.isWhitespace(text.charAt(start - 1))) {
            start++;
        }
        int end = Math.min(text.length(), Math.max(start + LENGTH, first.end()));
        String piece = text.substring(start, end);
        var html = new StringBuilder(start > 0 ? "…" : "");
        Matcher m = pattern.matcher(piece);
        int at = 0;
        while (m.find()) {
            html.append(escape(piece.substring(at, m.start())))
                    .append("<mark>")
                    .append(escape(m.group()))
                    .append("</mark>");
            at = m.end();
        }
        html.append(escape(piece.substring(at)));
        if (end < text.length()) {
            html.append('…');
        }
        return html.toString().replaceAll("\\s+", " ").strip();
    }

    /** Words match at the start of a word and run to its end (prefix search); phrases match as written. */
    static @Nullable Pattern pattern(SearchQuery search) {
        List<String> parts = new ArrayList<>();
        for (String phrase : search.phrases()) {
            parts.add(Pattern.quote(phrase));
        }
        for (String word : search.words()) {
            parts.add("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "[\\p{L}\\p{N}]*");
        }
        if (parts.isEmpty()) {
            return null;
        }
        return Pattern.compile(String.join("|", parts), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
