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
                    + "Αποστολέας|Gönderen|Từ|Šalje|Expeditorul|Отправитель|发件人|寄件者|寄件人|差出人|送信元|보낸 사람)\\s*[:：]\\s*\\*?\\s*(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.UNICODE_CASE);
    /** "On <date>, Name <a@b> wrote:" and its translations: a line that names an address and ends with a colon. */
    private static final Pattern WROTE_LINE = Pattern.compile(
            "^[>\\s]*\\S.{0,200}?(<[^<>\\s]+@[^<>\\s]+>|\\S+@\\S+).{0,120}[:：]\\s*$", Pattern.MULTILINE);

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(\\[:;,]+@[^\\s<>\"')\\]:;,]+");
    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "(-{3,}\\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|Original Message|Ursprüngliche Nachricht|Mensagem encaminhada)\\s*-{3,}"
                    + "|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:|Début du message réexpédié :|Inicio del mensaje reenviado:"
                    + "|Započni proslijeđenu poruku:|Începe mesajul redirecționat:|Начало переадресованного сообщения:"
                    + "|メッセージを転送)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FORWARD_SUBJECT =
            Pattern.compile("^\\s*(fwd?|fw|wg|tr|rv|i|doorst|vs|enc)\\s*:", Pattern.CASE_INSENSITIVE);

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

    static boolean isForward(ParsedMessage message) {
        return FORWARD_SUBJECT.matcher(message.subject()).find()
                || FORWARD_MARKER.matcher(message.text()).find()
                || message.attachments().stream().anyMatch(a -> a.contentType().equals("message/rfc822"));
    }

    /**
     * The first sender line after the forward marker (or in the whole text when there is no marker): a labelled
     * From line, else a quote header such as "On …, Name <a@b> wrote:".
     */
    static Optional<MailAddress> fromForwardedBlock(String text) {
        String clean = text.replace("\uFEFF", "");
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
                return address;
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
