package io.postdesk.mail.inbound;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a reply into what the sender wrote and what they quoted: the visible part ends where the quoted history
 * ("On … wrote:", "-----Original Message-----", an Outlook "From:/Sent:" block, "> " quotes) or the signature
 * ("-- ", "Sent from my …") begins. The full text is always kept next to it.
 */
final class QuotedReply {

    private static final List<Pattern> HISTORY_STARTS = List.of(
            Pattern.compile(
                    "^\\s*(On|Am|Le|El|Il|Op|Em|Den|På)\\s.{0,300}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev)\\s*:\\s*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile(
                    "^\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht)\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*-{5,}\\s*Forwarded message\\s*-{5,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*(From|Von|De|Da|Van|Från)\\s*:\\s*.+$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*_{10,}\\s*$"),
            Pattern.compile("^\\s*>.*$"));
    private static final List<Pattern> SIGNATURE_STARTS = List.of(
            Pattern.compile("^-- ?$"),
            Pattern.compile("^\\s*Sent from my .+$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*(Get|Sent from) Outlook for .+$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Von meinem .+ gesendet\\s*$", Pattern.CASE_INSENSITIVE));

    private QuotedReply() {}

    static String visiblePart(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (isHistoryStart(lines, i) || isSignatureStart(lines[i])) {
                end = i;
                break;
            }
        }
        String visible =
                String.join("\n", java.util.Arrays.copyOfRange(lines, 0, end)).strip();
        // A mail that is only a quote (e.g. a bare forward) keeps its whole text visible rather than nothing.
        return visible.isEmpty() ? text.strip() : visible;
    }

    private static boolean isHistoryStart(String[] lines, int i) {
        String line = lines[i];
        for (Pattern pattern : HISTORY_STARTS) {
            if (pattern.matcher(line).matches()) {
                // "From:" opens an Outlook header block only when "Sent:"/"Date:" or "To:" follows closely.
                if (pattern.pattern().contains("From|Von")) {
                    return i + 1 < lines.length
                            && lines[i + 1].matches(
                                    "(?i)^\\s*(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|To|An)\\s*:.*");
                }
                return true;
            }
        }
        return false;
    }

    private static boolean isSignatureStart(String line) {
        return SIGNATURE_STARTS.stream().anyMatch(p -> p.matcher(line).matches());
    }
}
