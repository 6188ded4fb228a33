package io.postdesk.mail.inbound.steps;

import io.postdesk.attachment.NewAttachment;
import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.mail.mime.MailHtml;
import io.postdesk.mail.mime.ParsedMessage;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A staff member who forwards a customer's mail to the support address opens a ticket on behalf of the original
 * sender, found in the forwarded block of the body (Gmail, Outlook, Apple Mail, Thunderbird, … in several languages)
 * or in an attached message (SPEC §2, step 4). Opening a ticket for someone else is a staff act, so a mail whose
 * sender is unverified is not unwrapped.
 */
@Component
public class UnwrapStaffForward implements InboundStep {

    /**
     * The sender label of a forwarded header block, as mail clients write it in many languages ("From:", "Von:",
     * "De :", "Feladó:", "Lähettäjä:", "差出人:", ...), at a line start or after the marker on the same line (Yahoo).
     */
    private static final Pattern FROM_LINE = Pattern.compile(
            "(?:^|[\\s>*|-])(From|Von|De la|De|Da|Van|Från|Fra|Frá|Od|Feladó|Lähettäjä|Saatja|Kimden|Від|От|Nuo|No|"
                    + "Expéditeur|Remitente|Mittente|Afzender|Avsändare|Nadawca|Odesílatel|Odosielateľ|Pošiljatelj|"
                    + "Αποστολέας|Από|Gönderen|Từ|Šalje|Expeditorul|Отправитель|Відправник|Подател|Од|Шаље|Pošiljalac|"
                    + "من|المرسل|מאת|השולח|از|فرستنده|发件人|寄件者|寄件人|差出人|送信元|보낸 사람)\\s*[:：]\\s*\\*?\\s*(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.UNICODE_CASE);
    /** "On <date>, Name <a@b> wrote:" and its translations: a line that names an address and ends with a colon. */
    private static final Pattern WROTE_LINE = Pattern.compile(
            "^[>\\s]*\\S.{0,200}?(<[^<>\\s]+@[^<>\\s]+>|\\S+@\\S+).{0,120}[:：]\\s*$", Pattern.MULTILINE);

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(\\[:;,]+@[^\\s<>\"')\\]:;,]+");
    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "(-{3,}\\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|Original Message|Ursprüngliche Nachricht|Mensagem encaminhada)\\s*-{3,}"
                    + "|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:|Début du message réexpédié :|Inicio del mensaje reenviado:"
                    + "|Započni proslijeđenu poruku:|Începe mesajul redirecționat:|Начало переадресованного сообщения:"
                    + "|Начало пересылаемого сообщения:|Початок листа, що пересилається:|Початок пересланого листа:"
                    + "|بداية الرسالة المعاد توجيهها:|بداية الرسالة المُعاد توجيهها:|תחילת ההודעה שהועברה:|شروع پیام بازارسال شده:"
                    + "|メッセージを転送"
                    // Any other "---- Words ----" title right above a sender label: Gmail and Thunderbird in every
                    // language ("Пересылаемое сообщение", "הודעה שהועברה", "الرسالة المعاد توجيهها", ...).
                    + "|^[ \\t>]*-{3,}[ \\t]*\\p{L}[^\\n]{2,60}?[ \\t]*-{3,}[ \\t]*\\n(?=(?:[ \\t>]*\\n)?[ \\t>*]*"
                    + "\\p{L}[\\p{L} ]{0,30}[ \\t]*[:：]))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE);
    /**
     * The forward prefixes mail clients put on the subject, in their UI languages (Outlook: "PD:" Polish, "VB:"
     * Swedish, "VL:" Finnish, "Videresend:" Norwegian, "İLT:" Turkish, "Redir.:" Romanian, "PŘ:" Czech, "ΠΡΘ:" Greek,
     * ...), possibly after "[EXTERNAL]"-style tags.
     */
    private static final Pattern FORWARD_SUBJECT = Pattern.compile(
            "^\\s*(\\[[^\\]]{1,40}\\]\\s*)*(fwd?|fw|wg|tr|rv|i|doorst|vs|vb|vl|pd|enc|ilt|İLT|redir\\.?|videresend|"
                    + "videresendt|vidarebefordrat|továbbítás|př|prosl|ΠΡΘ|ΠΡΟΩΘ|προώθηση|reenv|"
                    + "doorgestuurd|weitergeleitet|пересл\\.?|переслано|препратено|прослеђено|proslijeđeno|"
                    + "إعادة توجيه|توجيه|הועבר|העברה|ارسال مجدد|باز ?ارسال|转发|轉寄|转寄|転送|전달)\\s*[:：]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Bidirectional controls Gmail and Outlook wrap right-to-left names and addresses in. */
    private static final Pattern BIDI_CONTROLS =
            Pattern.compile("[\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u061C]");
    /** Words of a quote header that stand between its date and the name ("at 11:43 AM", "um 9:31 Uhr schrieb"). */
    private static final java.util.Set<String> QUOTE_HEADER_WORDS = java.util.Set.of(
            "am",
            "pm",
            "a.m.",
            "p.m.",
            "uhr",
            "at",
            "um",
            "à",
            "a",
            "alle",
            "om",
            "kl.",
            "kl",
            "klo",
            "o",
            "w",
            "в",
            "on",
            "le",
            "el",
            "il",
            "op",
            "den",
            "dne",
            "wrote",
            "schrieb",
            "écrit",
            "escribió",
            "scritto",
            "schreef",
            "escreveu",
            "skrev",
            "kirjoitti",
            "napisał",
            "írta",
            "написал",
            "написала",
            "пише",
            "yazdı",
            "napsal",
            "napísal",
            "έγραψε",
            "de",
            "da",
            "van",
            "from",
            // Outlook's "user" before the name: "пользователь \"John Doe\"", "používateľ", "heeft".
            "heeft",
            "пользователь",
            "používateľ",
            "uživatel",
            "użytkownik",
            "kullanıcısı",
            "felhasználó",
            "käyttäjä",
            "utente",
            "usuário",
            "usuario",
            "utilisateur",
            "benutzer");

    private final StaffDirectory staff;

    UnwrapStaffForward(StaffDirectory staff) {
        this.staff = staff;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        MailAddress from = mail.sender();
        if (!staff.isStaff(from.email())) {
            return new Verdict.Continue(mail, "not from staff");
        }
        if (!mail.mayActAsStaff()) {
            return new Verdict.Continue(mail, "from a staff address, but the sender is unverified: not a staff act");
        }
        ParsedMessage message = mail.message();
        if (!isForward(message)) {
            return new Verdict.Continue(mail, "from staff, not a forward");
        }
        Optional<MailAddress> original = fromForwardedBlock(message.text()).or(() -> fromAttachedMessage(message));
        if (original.isEmpty() || staff.isStaff(original.get().email())) {
            return new Verdict.Continue(mail, "a forward by staff, but no customer sender found in it");
        }
        return new Verdict.Continue(
                mail.withForward(original.get(), from),
                "forwarded by " + from.email() + "; original sender "
                        + original.get().email());
    }

    public static boolean isForward(ParsedMessage message) {
        return isForwardSubject(message.subject())
                || FORWARD_MARKER.matcher(clean(message.text())).find()
                || message.attachments().stream().anyMatch(a -> a.contentType().equals("message/rfc822"));
    }

    static boolean isForwardSubject(String subject) {
        return FORWARD_SUBJECT.matcher(subject).find();
    }

    private static String clean(String text) {
        return BIDI_CONTROLS
                .matcher(text.replace("\uFEFF", "").replace("\r\n", "\n"))
                .replaceAll("");
    }

    /**
     * The first sender line after the forward marker (or in the whole text when there is no marker): a labelled
     * From line, else a quote header such as "On …, Name <a@b> wrote:".
     */
    public static Optional<MailAddress> fromForwardedBlock(String text) {
        String clean = clean(text);
        Matcher marker = FORWARD_MARKER.matcher(clean);
        String block = marker.find() ? clean.substring(marker.start()) : clean;
        Matcher from = FROM_LINE.matcher(block);
        while (from.find()) {
            Optional<MailAddress> address = address(from.group(2));
            if (address.isPresent()) {
                return address;
            }
        }
        Matcher wrote = WROTE_LINE.matcher(block);
        while (wrote.find()) {
            Optional<MailAddress> address = address(wrote.group());
            if (address.isPresent()) {
                return Optional.of(new MailAddress(
                        nameInQuoteHeader(wrote.group(), address.get()),
                        address.get().email()));
            }
        }
        return Optional.empty();
    }

    private static Optional<MailAddress> fromAttachedMessage(ParsedMessage message) {
        for (NewAttachment attachment : message.attachments()) {
            if (attachment.contentType().equals("message/rfc822")) {
                try (InputStream in = attachment.content().open()) {
                    ParsedMessage attached = ParseMessage.parse(in.readAllBytes(), new MailHtml());
                    if (attached.from() != null) {
                        return Optional.of(attached.from());
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The name in "On 25 Oct 2021, at 11:43, John Doe &lt;john@acme.com&gt; wrote:": the run of words right before the
     * address, after the date, the time and the header's own words. Never the quote text itself: when no such run
     * is found the name stays empty.
     */
    static @Nullable String nameInQuoteHeader(String line, MailAddress found) {
        String before = line.substring(
                0,
                Math.max(0, line.toLowerCase(Locale.ROOT).indexOf(found.email().value())));
        String[] tokens =
                before.replaceAll("[<>\"'\\[\\]*()«»„“”]|mailto:", " ").strip().split("\\s+");
        java.util.Deque<String> name = new java.util.ArrayDeque<>();
        for (int i = tokens.length - 1; i >= 0; i--) {
            String token = tokens[i];
            if (token.isEmpty()
                    || token.endsWith(",")
                    || token.endsWith(":")
                    || token.chars().anyMatch(Character::isDigit)
                    || QUOTE_HEADER_WORDS.contains(token.toLowerCase(Locale.ROOT))) {
                break;
            }
            name.addFirst(token);
        }
        if (name.isEmpty() || name.size() > 6) {
            return null;
        }
        return String.join(" ", name);
    }

    private static Optional<MailAddress> address(String line) {
        Matcher m = ADDRESS.matcher(line.replace("mailto:", " "));
        if (!m.find()) {
            return Optional.empty();
        }
        String email = m.group().toLowerCase(Locale.ROOT).replaceAll("[.]+$", "");
        if (!EmailAddress.isValid(email)) {
            return Optional.empty();
        }
        String name = line.substring(0, line.indexOf(m.group()))
                .replaceAll("[<\"'\\[*]|mailto:", "")
                .strip();
        return Optional.of(new MailAddress(name.isEmpty() ? null : name, new EmailAddress(email)));
    }
}
