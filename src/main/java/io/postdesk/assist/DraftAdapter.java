package io.postdesk.assist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Adapts the reply that resolved another ticket into a draft for this one: the source's greeting and sign-off are
 * replaced by ones for this contact and the signing agent, in the reply's language; the source customer's names,
 * email addresses, street addresses, phone numbers and order or reference numbers are replaced by placeholders the
 * agent fills in ("[number]"), so nothing personal of one customer can reach another.
 */
final class DraftAdapter {

    private static final Pattern GREETING = Pattern.compile(
            "(?iu)^\\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|guten (tag|morgen|abend)|liebe|lieber"
                    + "|sehr geehrte|sehr geehrter|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hola|estimad[oa]"
                    + "|buenos días|buenas tardes)\\b.{0,60}$");
    private static final Pattern SIGN_OFF = Pattern.compile(
            "(?iu)^\\s*((best|kind|warm|many)?\\s*(regards|wishes)|thanks( again)?|thank you|cheers|sincerely|all the best"
                    + "|yours( truly| sincerely)?|viele grüße|beste grüße|liebe grüße|mit freundlichen grüßen|freundliche grüße"
                    + "|grüße|gruß|cordialement|bien cordialement|bien à vous|merci|salutations|saludos|un saludo"
                    + "|atentamente|gracias)[\\s,.!]*$");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+%-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern URL_WITH_DETAILS = Pattern.compile("https?://\\S*[?#=]\\S*|https?://\\S*\\d{3,}\\S*");
    private static final Pattern STREET = Pattern.compile(
            "(?iu)\\b\\d{1,5}[a-z]?,?\\s+(?:[\\p{L}.'-]+\\s+){0,3}?(street|st\\.|road|rd\\.|avenue|ave\\.|lane|drive|way"
                    + "|boulevard|blvd\\.?)\\b"
                    + "|\\b\\d{1,5},?\\s+(rue|avenue|boulevard|chemin|allée|calle|avenida|plaza|paseo)\\s+(?:[\\p{L}'-]+\\s?){1,4}"
                    + "|\\b[\\p{L}-]*(straße|strasse|str\\.|weg|platz|allee|gasse)\\s+\\d{1,4}[a-z]?\\b"
                    + "|\\b(calle|avenida|rue)\\s+(?:[\\p{L}'-]+\\s){1,3}\\d{1,4}\\b");
    private static final Pattern POSTCODE_CITY =
            Pattern.compile("\\b\\d{4,5}\\s+\\p{Lu}\\p{Ll}+\\b|\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}\\b");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()/.-]{6,}\\d");
    /** Order ids, invoice and tracking numbers: any token with three or more digits, letters and dashes allowed. */
    private static final Pattern REFERENCE = Pattern.compile("#?\\b(?=[\\w-]*\\d[\\w-]*\\d[\\w-]*\\d)[\\w-]{3,}\\b");

    private DraftAdapter() {}

    /**
     * @param sourceReply the staff reply that resolved the source ticket
     * @param sourceContactName the source ticket's contact name, removed wherever it appears
     * @param contactName this ticket's contact, greeted by first name
     * @param agentName the agent who will send the draft
     */
    static String adapt(
            String sourceReply, @Nullable String sourceContactName, @Nullable String contactName, String agentName) {
        List<String> lines = new ArrayList<>(Arrays.asList(sourceReply.strip().split("\\R", -1)));
        Language language = Language.ENGLISH;
        if (!lines.isEmpty() && GREETING.matcher(lines.getFirst()).matches()) {
            language = Language.of(lines.removeFirst());
        }
        for (int i = Math.max(0, lines.size() - 6); i < lines.size(); i++) {
            if (SIGN_OFF.matcher(lines.get(i)).matches()) {
                lines.subList(i, lines.size()).clear();
                break;
            }
        }
        String body = redact(String.join("\n", lines).strip(), sourceContactName, contactName);
        String firstName = firstName(contactName);
        String greeting = language.greeting + (firstName == null ? "" : " " + firstName) + ",";
        return greeting + "\n\n" + body + "\n\n" + language.signOff + "\n" + agentName;
    }

    static String redact(String text, @Nullable String sourceContactName, @Nullable String contactName) {
        String out = EMAIL.matcher(text).replaceAll("[email]");
        out = URL_WITH_DETAILS.matcher(out).replaceAll("[link]");
        out = STREET.matcher(out).replaceAll("[address]");
        out = POSTCODE_CITY.matcher(out).replaceAll("[address]");
        out = PHONE.matcher(out).replaceAll("[phone]");
        out = REFERENCE.matcher(out).replaceAll("[number]");
        if (sourceContactName != null) {
            String replacement = firstName(contactName);
            for (String part : sourceContactName.split("[\\s,]+")) {
                if (part.length() >= 2) {
                    out = Pattern.compile("(?iu)(?<![\\p{L}])" + Pattern.quote(part) + "(?![\\p{L}])")
                            .matcher(out)
                            .replaceAll(replacement == null ? "" : replacement);
                }
            }
            out = out.replaceAll("(?m)[ \\t]{2,}", " ").replaceAll(" ([,.!?])", "$1");
        }
        return out;
    }

    static @Nullable String firstName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String first = name.strip().split("\\s+")[0];
        return first.replaceAll("[^\\p{L}'-]", "").isEmpty() ? null : first;
    }

    private enum Language {
        ENGLISH("Hi", "Best regards,"),
        GERMAN("Hallo", "Viele Grüße"),
        FRENCH("Bonjour", "Cordialement,"),
        SPANISH("Hola", "Saludos,");

        final String greeting;
        final String signOff;

        Language(String greeting, String signOff) {
            this.greeting = greeting;
            this.signOff = signOff;
        }

        static Language of(String greetingLine) {
            String line = greetingLine.strip().toLowerCase(Locale.ROOT);
            if (line.matches("(hallo|guten|liebe|sehr geehrte).*")) {
                return GERMAN;
            }
            if (line.matches("(bonjour|bonsoir|salut|cher|chère|madame|monsieur).*")) {
                return FRENCH;
            }
            if (line.matches("(hola|estimad|buenos|buenas).*")) {
                return SPANISH;
            }
            return ENGLISH;
        }
    }
}
