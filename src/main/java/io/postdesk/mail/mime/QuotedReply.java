package io.postdesk.mail.mime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

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
                    + "rakstīja|wrote the following|het volgende geschreven|geschreven|napisana|napisał\\(a\\)|"
                    + "yazdı|ha escrito|scrisse|skrev följande|kirjoitti)\\b(.{0,200}[:：]|\\s*-*)\\s*$"
                    // Chinese, Japanese and Korean words have no word boundary next to a name.
                    + "|(?iU)^.{0,400}(写道|寫道|のメール|작성)\\s*[:：]?\\s*$");

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
            "yazdi",
            "geschreven",
            "napisana",
            "写道",
            "寫道",
            "のメール",
            "작성",
            "ha escrito",
            "scrisse");

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
    /**
     * Closings that end the visible reply when a name block follows. A bare "Sincerely," is left out: automated
     * notices sign with it above a department's name, which is their text, not a signature.
     */
    private static final String CLOSINGS =
            "(regards|best regards|kind regards|warm regards|warmest regards|kindest regards|"
                    + "best wishes|all the best|cheers|best|thanks|thanks again|thanks in advance|many thanks|thank you|"
                    + "thank you very much|thank you in advance|thx|br|rgds|yours sincerely|sincerely yours|"
                    + "yours truly|yours faithfully|respectfully|take care|talk soon|"
                    + "cordialement|bien cordialement|bien à vous|salutations|merci|merci beaucoup|merci d'avance|"
                    + "mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|beste grüße|viele grüße|liebe grüße|"
                    + "herzliche grüße|mit besten grüßen|gruß|grüße|lg|vg|danke|vielen dank|"
                    + "saludos|saludos cordiales|un saludo|un abrazo|atentamente|gracias|muchas gracias|"
                    + "cordiali saluti|distinti saluti|saluti|grazie|grazie mille|"
                    + "met vriendelijke groet|met vriendelijke groeten|vriendelijke groet|groeten|groetjes|mvg|"
                    + "atenciosamente|obrigado|obrigada|abraços|cumprimentos|"
                    + "med vänlig hälsning|vänliga hälsningar|hälsningar|tack|med venlig hilsen|venlig hilsen|"
                    + "med vennlig hilsen|vennlig hilsen|hilsen|mvh|ystävällisin terveisin|terveisin|kiitos|"
                    + "pozdrawiam|pozdrawiam serdecznie|z poważaniem|dziękuję|s pozdravem|děkuji|üdvözlettel|köszönöm|"
                    + "saygılarımla|teşekkürler|με εκτίμηση|ευχαριστώ|с уважением|спасибо|всего доброго|з повагою|дякую|"
                    + "よろしくお願いします|よろしくお願いいたします|谢谢|謝謝|此致|감사합니다)";

    private static final Pattern CLOSING = Pattern.compile("(?iU)^\\s*" + CLOSINGS + "[,!.]?\\s*$");
    /** A closing and the name on one line ("Thanks, John", "Best - Anna"). */
    private static final Pattern CLOSING_WITH_NAME = Pattern.compile(
            "(?iU)^\\s*" + CLOSINGS + "\\s*[,!.–-]\\s*\\p{Lu}[\\p{L}.'-]*( \\p{Lu}[\\p{L}.'-]*){0,2}\\s*$");
    /** A person's name alone on a line: one to four capitalised words. */
    private static final Pattern NAME_LINE =
            Pattern.compile("(?U)^\\s*\\p{Lu}[\\p{L}.'-]*( \\p{Lu}?[\\p{L}.'-]*){0,3}\\s*$");
    /** A line of a contact block: a phone number, an address, a web site, a labelled contact or "a | b" columns. */
    private static final Pattern CONTACT_LINE =
            Pattern.compile("(?iU)(\\+?\\(?\\d[\\d ()./-]{6,}\\d)|[^\\s@]+@[^\\s@]+\\.\\w+|\\bwww\\.|https?://|"
                    + "^\\s*(tel|phone|mobile|mob|cell|fax|direct|office|t|m|e|w|p|f)\\s*[.:]|\\S\\s+\\|\\s+\\S");
    /** "30.09.2017, 18.30, Name <a@b>:" — a date, an address in brackets, and a closing colon. */
    private static final Pattern DATED_ADDRESS_HEADER =
            Pattern.compile("^.{0,200}\\d.{0,200}<[^<>\\s]+@[^<>\\s]+>.{0,40}[:：]\\s*$");

    /** How each of {@link #SIGNATURE_STARTS} begins (after white space). */
    private static final List<String> SIGNATURE_WORDS = List.of(
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

    private static final Pattern DASH_SIGNATURE = Pattern.compile("^-- ?$");
    /** Mailman's list footer. */
    private static final Pattern LIST_FOOTER = Pattern.compile("^__$");

    private static final List<Pattern> SIGNATURE_STARTS = List.of(
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
        return visiblePart(text, null);
    }

    /**
     * The reply without its quoted history and signature. When the text part shows no history but the HTML part
     * wraps one in a quote block (Gmail, Outlook, Apple Mail, Yahoo, Thunderbird…), the reply is read from the HTML
     * without those blocks.
     */
    public static String visiblePart(String text, @Nullable String html) {
        String[] lines = lines(text);
        int history = historyStart(lines);
        if (history == lines.length && html != null) {
            Optional<String> reply = HtmlQuote.withoutHistory(html);
            if (reply.isPresent() && !reply.get().isBlank()) {
                String[] htmlLines = lines(reply.get());
                return reply(htmlLines, historyStart(htmlLines), text);
            }
        }
        return reply(lines, history, text);
    }

    private static String[] lines(String text) {
        return text.replace("\uFEFF", "")
                .replace("\r\n", "\n")
                .replace('\r', '\n')
                .split("\n", -1);
    }

    private static int historyStart(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (isHistoryStart(lines, i)) {
                return i;
            }
        }
        return lines.length;
    }

    private static String reply(String[] lines, int history, String text) {
        int end = history == lines.length ? history : headerBlockStart(lines, history);
        String visible = withoutSignature(lines, 0, end);
        if (visible.isEmpty() && history < lines.length) {
            // Bottom-posting: the sender wrote below the quote. Their words are the lines no "> " marks.
            visible = belowQuote(lines, history);
        }
        // A mail that is only a quote (e.g. a bare forward) keeps its whole text visible rather than nothing.
        return visible.isEmpty() ? trimLines(text.replace("\r\n", "\n")) : visible;
    }

    /**
     * The unquoted lines after a quoted block that the reply starts with (the quote header, then "> " lines, then the
     * answer), or empty when the history is not a "> " quote.
     */
    private static String belowQuote(String[] lines, int history) {
        int firstQuoted = -1;
        for (int i = history; i < Math.min(lines.length, history + 4); i++) {
            if (lines[i].stripLeading().startsWith(">")) {
                firstQuoted = i;
                break;
            }
        }
        if (firstQuoted < 0) {
            return "";
        }
        String[] answer = Arrays.stream(lines, firstQuoted, lines.length)
                .filter(l -> !l.stripLeading().startsWith(">"))
                .toArray(String[]::new);
        int next = historyStart(answer);
        return withoutSignature(answer, 0, next == answer.length ? next : headerBlockStart(answer, next));
    }

    /** Lines {@code from} to {@code to} without the signature: "-- " and what follows, a closing and its name block. */
    private static String withoutSignature(String[] lines, int from, int to) {
        List<String> kept = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            if (isDashSignature(lines[i]) || isClosing(lines, i, to) || isContactBlock(lines, i, to)) {
                break;
            }
            if (isMobileSignature(lines[i])) {
                // Mobile clients put the old message right under "Sent from my …" without a header; text there
                // is the sender's own only when the history starts further down.
                if (to == lines.length) {
                    break;
                }
                while (i + 1 < to
                        && lines[i + 1].isBlank()
                        && !kept.isEmpty()
                        && kept.getLast().isBlank()) {
                    i++;
                }
                continue;
            }
            kept.add(lines[i]);
        }
        return trimLines(String.join("\n", kept));
    }

    /** Trailing white space of each line and blank lines around the text go. */
    private static String trimLines(String text) {
        return text.lines()
                .map(String::stripTrailing)
                .collect(Collectors.joining("\n"))
                .strip();
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
     * "Regards," followed by a short name block (one to four short lines, up to eight when they hold contact
     * details), or "Thanks, John" as the last line: a signature. A closing with nothing after it ("Thanks!" as the
     * last line) is the sender's own last word and stays.
     */
    private static boolean isClosing(String[] lines, int i, int to) {
        if (i == 0 || lines[i].length() > 60) {
            return false;
        }
        List<String> rest =
                Arrays.stream(lines, i + 1, to).filter(l -> !l.isBlank()).toList();
        if (CLOSING_WITH_NAME.matcher(lines[i]).matches()) {
            return rest.isEmpty();
        }
        if (!CLOSING.matcher(lines[i]).matches() || rest.isEmpty()) {
            return false;
        }
        boolean contact = rest.stream().anyMatch(l -> CONTACT_LINE.matcher(l).find());
        return rest.size() <= (contact ? 8 : 4) && rest.stream().allMatch(l -> l.length() <= (contact ? 80 : 60));
    }

    /**
     * A name/contact block as the last paragraph, with no "--" above it: a name line, then up to six short lines of
     * which one at least is a phone number, an address or a web site ("Jane Doe / Support lead / +1 555 0100").
     */
    private static boolean isContactBlock(String[] lines, int i, int to) {
        if (i == 0 || !lines[i - 1].isBlank() || !NAME_LINE.matcher(lines[i]).matches() || lines[i].length() > 40) {
            return false;
        }
        boolean textAbove = Arrays.stream(lines, 0, i).anyMatch(l -> !l.isBlank());
        List<String> block = Arrays.stream(lines, i + 1, to).toList();
        int last = block.size();
        while (last > 0 && block.get(last - 1).isBlank()) {
            last--;
        }
        List<String> rest = block.subList(0, last);
        return textAbove
                && !rest.isEmpty()
                && rest.size() <= 6
                && rest.stream().noneMatch(String::isBlank)
                && rest.stream().allMatch(l -> l.length() <= 80)
                && rest.stream().anyMatch(l -> CONTACT_LINE.matcher(l).find());
    }

    private static boolean isDashSignature(String line) {
        return line.startsWith("--") && DASH_SIGNATURE.matcher(line).matches()
                || line.startsWith("__") && LIST_FOOTER.matcher(line).matches();
    }

    private static boolean isMobileSignature(String line) {
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
