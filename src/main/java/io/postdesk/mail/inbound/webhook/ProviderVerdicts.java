package io.postdesk.mail.inbound.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the sender checks a provider posts alongside the mail into one {@code Authentication-Results} value for the
 * delivery, so the pipeline reads every verdict the same way: SendGrid's {@code SPF} and {@code dkim} fields (with
 * the envelope sender from {@code envelope}), Mailgun's {@code X-Mailgun-Spf} and {@code X-Mailgun-Dkim-Check-Result}
 * (with the envelope sender {@code sender}). Values are reduced to plain words and domains, so nothing a sender wrote
 * can add a result of its own.
 */
final class ProviderVerdicts {

    private static final Pattern WORD = Pattern.compile("[a-z]{1,20}");
    private static final Pattern SENDGRID_DKIM = Pattern.compile("@([A-Za-z0-9.-]{1,253})\\s*:\\s*([A-Za-z]{1,20})");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~@-]{1,320}");

    private ProviderVerdicts() {}

    /** SendGrid Inbound Parse: {@code SPF=pass}, {@code dkim={@example.com : pass}}; null when it sent neither. */
    static @Nullable String sendgrid(FormFields form, JsonMapper json) {
        List<String> results = new ArrayList<>();
        String spf = word(form.first("SPF"));
        if (spf != null) {
            results.add("spf=" + spf + mailFrom(envelopeFrom(form.first("envelope"), json)));
        }
        String dkim = form.first("dkim");
        if (dkim != null) {
            Matcher m = SENDGRID_DKIM.matcher(dkim);
            while (m.find() && results.size() < 20) {
                results.add("dkim=" + m.group(2).toLowerCase(Locale.ROOT) + " header.d="
                        + m.group(1).toLowerCase(Locale.ROOT));
            }
            if (dkim.strip().equalsIgnoreCase("none")) {
                results.add("dkim=none");
            }
        }
        return verdict("sendgrid", results);
    }

    /**
     * Mailgun Routes: the check results as form fields or among the headers it passes. Mailgun adds its own headers
     * to the mail, but a sender may have written one too: when values disagree, the one that is not a pass wins.
     */
    static @Nullable String mailgun(FormFields form, List<ParsedFields.Header> headers, byte @Nullable [] mime) {
        List<String> spf = values("x-mailgun-spf", form, headers, mime);
        List<String> dkim = values("x-mailgun-dkim-check-result", form, headers, mime);
        List<String> results = new ArrayList<>();
        String spfResult = worst(spf);
        if (spfResult != null) {
            results.add("spf=" + spfResult + mailFrom(form.first("sender")));
        }
        String dkimResult = worst(dkim);
        if (dkimResult != null) {
            // Mailgun does not say which domain signed, so this pass can never be aligned; a fail still counts.
            results.add("dkim=" + dkimResult);
        }
        return verdict("mailgun", results);
    }

    private static List<String> values(
            String name, FormFields form, List<ParsedFields.Header> headers, byte @Nullable [] mime) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, List<byte[]>> field : form.values().entrySet()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                field.getValue().forEach(v -> found.add(new String(v, StandardCharsets.UTF_8)));
            }
        }
        headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).forEach(h -> found.add(h.value()));
        if (mime != null) {
            found.addAll(headerValues(mime, name));
        }
        return found;
    }

    /** The values of one header in a raw mail's header block (unfolded), without a full parse. */
    static List<String> headerValues(byte[] mime, String name) {
        String head = new String(mime, 0, Math.min(mime.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            end = head.indexOf("\n\n");
        }
        String block = (end < 0 ? head : head.substring(0, end)).replaceAll("\\r?\\n[ \\t]+", " ");
        List<String> values = new ArrayList<>();
        for (String line : block.split("\\r?\\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                values.add(line.substring(colon + 1).strip());
            }
        }
        return values;
    }

    private static @Nullable String worst(List<String> values) {
        String worst = null;
        for (String value : values) {
            String result = word(value);
            if (result == null) {
                continue;
            }
            if (worst == null || worst.equals("pass")) {
                worst = result;
            }
        }
        return worst;
    }

    private static @Nullable String envelopeFrom(@Nullable String envelope, JsonMapper json) {
        if (envelope == null) {
            return null;
        }
        try {
            return json.readValue(envelope, Map.class).get("from") instanceof String from ? from : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String mailFrom(@Nullable String address) {
        if (address == null) {
            return "";
        }
        String bare = address.strip().replaceAll("^.*<([^>]*)>.*$", "$1");
        return ADDRESS.matcher(bare).matches() && bare.contains("@") ? " smtp.mailfrom=" + bare : "";
    }

    /** The first word of a provider's value, lower-case ("Pass" → "pass", "softfail (reason)" → "softfail"). */
    private static @Nullable String word(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String first = value.strip().split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT);
        return WORD.matcher(first).matches() ? first : null;
    }

    private static @Nullable String verdict(String provider, List<String> results) {
        return results.isEmpty() ? null : provider + "; " + String.join("; ", results);
    }
}
