package io.postdesk.mail.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Authentication-Results} header (RFC 8601): the server that checked the mail (authserv-id) and its
 * results, e.g. {@code mx.example.com; spf=pass smtp.mailfrom=a@example.com; dkim=fail header.d=example.com}.
 * Comments in parentheses, quoted values and {@code /version} suffixes are tolerated; a header whose first part is not a
 * bare authserv-id (some servers omit it) has no authserv-id and can never be trusted.
 */
public record AuthenticationResults(String authservId, List<Result> results) {

    private static final List<String> DOMAIN_PROPERTIES =
            List.of("header.from", "header.d", "header.i", "smtp.mailfrom");

    /** One method's verdict with its properties ({@code smtp.mailfrom}, {@code header.d}, …, lower-case keys). */
    public record Result(
            String method, String result, @Nullable String reason, Map<String, String> properties) {

        @Nullable
        public String property(String name) {
            return properties.get(name);
        }

        public boolean isPass() {
            return result.equals("pass");
        }

        public boolean isFail() {
            return result.equals("fail");
        }

        /** How the result reads in a trace, with the properties that name a domain: {@code dkim=pass header.d=a.com}. */
        public String describe() {
            StringBuilder text = new StringBuilder(method).append('=').append(result);
            for (String key : DOMAIN_PROPERTIES) {
                String value = properties.get(key);
                if (value != null) {
                    text.append(' ')
                            .append(key)
                            .append('=')
                            .append(value.length() > 100 ? value.substring(0, 100) : value);
                }
            }
            return text.toString();
        }
    }

    /** Reads one header value; empty when it names no authserv-id. */
    public static Optional<AuthenticationResults> parse(String value) {
        List<String> parts = splitOutsideQuotes(withoutComments(value));
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String[] head = parts.getFirst().strip().split("\\s+");
        String authservId = unquote(head[0]).toLowerCase(Locale.ROOT);
        if (authservId.isEmpty() || authservId.contains("=")) {
            return Optional.empty();
        }
        List<Result> results = new ArrayList<>();
        for (String part : parts.subList(1, parts.size())) {
            result(part).ifPresent(results::add);
        }
        return Optional.of(new AuthenticationResults(authservId, List.copyOf(results)));
    }

    /** {@code method[/version]=result [reason=value] [ptype.property=value]...}; anything else is skipped. */
    private static Optional<Result> result(String part) {
        List<String[]> pairs = pairs(part);
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        String method = pairs.getFirst()[0].toLowerCase(Locale.ROOT);
        int slash = method.indexOf('/');
        if (slash >= 0) {
            method = method.substring(0, slash).strip();
        }
        String result = pairs.getFirst()[1].toLowerCase(Locale.ROOT);
        if (method.isEmpty() || result.isEmpty() || method.contains(".")) {
            return Optional.empty();
        }
        String reason = null;
        Map<String, String> properties = new LinkedHashMap<>();
        for (String[] pair : pairs.subList(1, pairs.size())) {
            String key = pair[0].toLowerCase(Locale.ROOT);
            if (key.equals("reason")) {
                reason = pair[1];
            } else if (key.contains(".")) {
                properties.putIfAbsent(key, pair[1]);
            }
        }
        return Optional.of(new Result(method, result, reason, Map.copyOf(properties)));
    }

    /** The {@code key=value} pairs of one result, values unquoted; CFWS around "=", "/" and "." is allowed. */
    private static List<String[]> pairs(String part) {
        List<String[]> pairs = new ArrayList<>();
        String text = part.replaceAll("\\s*([=/.])\\s*", "$1");
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            if (i >= n || text.charAt(i) != '=') {
                continue; // a lone word (a version number, a stray token): not a pair
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    value.append(text.charAt(i++));
                }
            }
            if (!key.isEmpty()) {
                pairs.add(new String[] {key, value.toString()});
            }
        }
        return pairs;
    }

    /** Comments (nested, with quoted pairs) become a space; quoted strings are kept as they are. */
    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                if (--depth == 0) {
                    out.append(' ');
                }
            } else if (depth == 0) {
                out.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static List<String> splitOutsideQuotes(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts.stream().filter(p -> !p.isBlank()).toList();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
