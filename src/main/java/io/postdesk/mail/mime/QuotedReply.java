package io.postdesk.mail.mime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a reply into what the sender wrote and what they quoted: the visible part ends where the quoted history
 * begins (a quote header such as "On … wrote:" in any of many languages, possibly wrapped over up to three lines; an
 * "-----Original Message-----" line; an Outlook "From:/Sent:" block; "> " quotes) or the signature ("-- ",
 * "Sent from my …"). The full text is always kept next to it.
 */
public final class QuotedReply {

    /** "wrote" in the languages mail clients write quote headers in. */
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "(?iU)^.{0,400}\\b(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|kirjoitti|napisał|"
                    + "írta|написал|написала|пише|yazdı|a scris|napsal|napísal|je napisao|έγραψε|kirjutas|rašė|"
                    + "rakstīja|wrote the following)\\b(.{0,200}[:：]|\\s*-*)\\s*$");

    /** The words of {@link #QUOTE_HEADER} in lower case: a line without any of them is no quote header. */
    private static final List<String> QUOTE_WORDS = List.of(
            "wrote",
            "schrieb",
            "a écrit",
            "escribió",
            "ha scritto",
            "schreef",
            "escreveu",
            "skrev",
            "kirjoitti",
            "napisał",
            "írta",
            "написал",
            "пише",
            "yazdı",
            "a scris",
            "napsal",
            "napísal",
            "je napisao",
            "έγραψε",
            "kirjutas",
            "rašė",
            "rakstīja",
            "yazdi");

    private static final Pattern SEPARATOR = Pattern.compile(
            "(?iu)^\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|"
                    + "Messaggio originale|Oorspronkelijk bericht|Mensagem original|Originalmeddelande|"
                    + "Oprindelig meddelelse|Alkuperäinen viesti|Исходное сообщение|Forwarded message|"
                    + "Reply above this line)\\s*-{2,}\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile(
            "(?iu)^\\s*\\*?(From|Von|De|Da|Van|Från|Fra|Od|Feladó|Lähettäjä|От|Kimden|Expéditeur|Remitente)\\*?\\s*:.*$");
    private static final Pattern HEADER_NEXT = Pattern.compile(
            "(?iu)^\\s*\\*?(Sent|Date|Gesendet|Datum|Envoyé|Envoyé le|Enviado|Enviada|Inviato|Verzonden|Skickat|Sendt|"
                    + "Wysłano|Lähetetty|Отправлено|Gönderildi|Tarih|To|An|À|Aan|Para|A|Til|Till|Kome|Komu|Címzett|"
                    + "Vastaanottaja|Кому|Subject|Betreff|Objet|Asunto|Oggetto|Onderwerp)\\*?\\s*:.*$");
    private static final Pattern RULE = Pattern.compile("[=*~#_-]{4,}");
    private static final Pattern DATED_TITLE =
            Pattern.compile("(?U)^\\p{L}[\\p{L} ]{0,30}\\s*:\\s*\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}.{0,20}$");
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");
    /** Any "---- Words ----" line: clients in every language mark the start of the old message this way. */
    private static final Pattern DASHED_TITLE = Pattern.compile("(?U)^\\s*-{3,}\\s*\\p{L}.{2,200}?\\s*-{3,}\\s*$");
    /** A closing ("Regards,") followed only by a short name block ends the visible reply. */
    private static final Pattern CLOSING = Pattern.compile(
            "(?iU)^\\s*(regards|best regards|kind regards|best wishes|cheers|best|thanks|many thanks|thank you|"
                    + "cordialement|bien à vous|mit freundlichen grüßen|viele grüße|liebe grüße|gruß|saludos|"
                    + "un saludo|atentamente|cordiali saluti|saluti|met vriendelijke groet|groeten|med vänlig hälsning|"
                    + "hälsningar|venlig hilsen|mvh|pozdrawiam|с уважением)[,!.]?\\s*$");
    /** "30.09.2017, 18.30, Name <a@b>:" — a date, an address in brackets, and a closing colon. */
    private static final Pattern DATED_ADDRESS_HEADER =
            Pattern.compile("^.{0,200}\\d.{0,200}<[^<>\\s]+@[^<>\\s]+>.{0,40}[:：]\\s*$");

    /** How each of {@link #SIGNATURE_STARTS} begins (after white space). */
    private static final List<String> SIGNATURE_WORDS = List.of(
            "--",
            "__",
            "sent ",
            "get ",
            "von meinem",
            "envoy",
            "enviad",
            "inviato",
            "gesendet",
            "verzonden",
            "skickat",
            "sendt",
            "wysłane",
            "отправлено");

    private static final List<Pattern> SIGNATURE_STARTS = List.of(
            Pattern.compile("^-- ?$"),
            // Mailman's list footer.
            Pattern.compile("^__$"),
            Pattern.compile("(?i)^\\s*Sent from my .+$"),
            Pattern.compile(
                    "(?i)^\\s*Sent from (Mail for Windows|Yahoo Mail|Proton ?Mail|Samsung|BlueMail|Spark)\\b.*$"),
            Pattern.compile("(?i)^\\s*(Get|Sent from) Outlook for .+$"),
            Pattern.compile("(?i)^\\s*Von meinem .+ gesendet\\s*$"),
            Pattern.compile("(?i)^\\s*(Envoyé de mon|Enviado desde mi|Inviato da) .+$"),
            Pattern.compile("(?iU)^\\s*(Gesendet von|Envoyé à partir de|Envoyé depuis|Enviado desde|Enviado de|"
                    + "Verzonden vanaf|Skickat från|Sendt fra|Wysłane z|Отправлено из) .*(Outlook|iPhone|iPad|Android|"
                    + "Mail|Samsung|Gmail).*$"));

    private QuotedReply() {}

    public static String visiblePart(String text) {
        String[] lines = text.replace("\uFEFF", "").replace("\r\n", "\n").split("\n", -1);
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (isHistoryStart(lines, i) || isSignatureStart(lines[i]) || isClosing(lines, i)) {
                end = headerBlockStart(lines, i);
                break;
            }
        }
        String visible = String.join("\n", Arrays.copyOfRange(lines, 0, end)).strip();
        // A mail that is only a quote (e.g. a bare forward) keeps its whole text visible rather than nothing.
        return visible.isEmpty() ? text.strip() : visible;
    }

    /**
     * A quoted header block often has a line or two in front of it that belongs to it: a rule of "====" or "****",
     * or a dated title ("Message du : 12/12/2016 13:20"). Those go with the history, not the reply.
     */
    private static int headerBlockStart(String[] lines, int i) {
        int start = i;
        if (i == 0 || !HEADER_FROM.matcher(lines[i]).matches()) {
            return start;
        }
        for (int j = i - 1; j >= 0; j--) {
            String line = lines[j].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (RULE.matcher(line).matches()
                    || j == start - 1 && DATED_TITLE.matcher(line).matches()) {
                start = j;
                continue;
            }
            break;
        }
        return start;
    }

    private static boolean isHistoryStart(String[] lines, int i) {
        String line = lines[i];
        // Cheap guards first: most lines of a mail are plain text and none of the patterns below can match them.
        if (line.contains("--")
                        && (SEPARATOR.matcher(line).matches()
                                || DASHED_TITLE.matcher(line).matches())
                || line.contains("__________") && UNDERSCORES.matcher(line).matches()
                || line.stripLeading().startsWith(">")) {
            return true;
        }
        if (line.indexOf(':') >= 0 && HEADER_FROM.matcher(line).matches()) {
            // "From:" opens a header block only when another header label follows within two lines.
            for (int j = i + 1; j <= Math.min(i + 2, lines.length - 1); j++) {
                if (HEADER_NEXT.matcher(lines[j]).matches()) {
                    return true;
                }
            }
            return false;
        }
        // Quote headers wrap: try the line alone, then joined with the next one and two.
        String joined = line;
        for (int j = i; j < Math.min(i + 3, lines.length); j++) {
            if (j > i) {
                // A header wraps mid-phrase: a line ending in punctuation (a sentence, a greeting like "Hi,") is
                // the reply's own text, never the first half of a header.
                if (endsSentence(lines[j - 1]) || lines[j].isBlank() || joined.length() > 300) {
                    return false;
                }
                joined = joined + " " + lines[j].strip();
            }
            if (isQuoteHeader(joined)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsSentence(String line) {
        String s = line.strip();
        return !s.isEmpty() && ".!?,;".indexOf(s.charAt(s.length() - 1)) >= 0;
    }

    private static boolean isQuoteHeader(String text) {
        if (text.isBlank() || !hasAddressOrDate(text)) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return QUOTE_WORDS.stream().anyMatch(lower::contains)
                        && QUOTE_HEADER.matcher(text).matches()
                || text.indexOf('<') >= 0 && DATED_ADDRESS_HEADER.matcher(text).matches();
    }

    private static boolean hasAddressOrDate(String line) {
        if (line.indexOf('@') >= 0) {
            return true;
        }
        for (int k = 0; k < line.length(); k++) {
            if (Character.isDigit(line.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Regards," followed by a short name block (one to four short lines): the block is a signature. A closing with
     * nothing after it ("Thanks!" as the last line) is the sender's own last word and stays.
     */
    private static boolean isClosing(String[] lines, int i) {
        if (i == 0 || lines[i].length() > 60 || !CLOSING.matcher(lines[i]).matches()) {
            return false;
        }
        long rest = Arrays.stream(lines, i + 1, lines.length)
                .filter(l -> !l.isBlank())
                .count();
        return rest >= 1
                && rest <= 4
                && Arrays.stream(lines, i + 1, lines.length).allMatch(l -> l.length() <= 60);
    }

    private static boolean isSignatureStart(String line) {
        String start = line.stripLeading();
        // Every signature pattern starts with one of these words: skip the regexes for all other lines.
        for (String word : SIGNATURE_WORDS) {
            if (start.regionMatches(true, 0, word, 0, word.length())) {
                return SIGNATURE_STARTS.stream().anyMatch(p -> p.matcher(line).matches());
            }
        }
        return false;
    }
}
