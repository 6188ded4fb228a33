package io.postdesk.mail.report;

import io.postdesk.mail.report.DeliveryReport.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a raw mail as a delivery or feedback report (see the package description for how). Pure and bounded: the
 * same bytes give the same report, within {@link ReportParts#BUDGET} and a few hundred kilobytes of memory.
 */
public final class DeliveryReports {

    static final int MAX_DIAGNOSTIC = 300;

    private static final String ADDRESS =
            "[A-Za-z0-9._%+=!#$&'*/?^`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}";
    private static final Pattern ANY_ADDRESS = Pattern.compile("(?<![A-Za-z0-9._%+=-])(" + ADDRESS + ")");
    /** An address that stands out on its line: alone, or before a colon or the "..." of Sendmail, or in brackets. */
    private static final Pattern LINE_ADDRESS = Pattern.compile(
            "(?m)^[ \\t>*-]*(?:(?:RCPT TO|To|Recipient|Empf[äa]nger|Destinataire|Original-Recipient|Failed Recipient)"
                    + "\\s*:?\\s*)?[\"']?<?(?:mailto:)?(" + ADDRESS
                    + ")>?[\"']?\\s*(?:$|:|\\.\\.\\.|\\(|,|\\s+(?:on|user|mailbox|-|\\())",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern BRACKETED_ADDRESS = Pattern.compile("<(" + ADDRESS + ")>");
    private static final Pattern DSN_RECIPIENT = Pattern.compile(
            "(?im)^(?:final-recipient|original-recipient|x-actual-recipient|original-rcpt-to|removal-recipient)"
                    + "\\s*:\\s*(?:[a-z0-9-]+\\s*;\\s*)?<?(" + ADDRESS + ")>?");
    private static final Pattern MESSAGE_ID_FIELD =
            Pattern.compile("(?im)^[ \\t>]*(?:x-)?(?:original-)?message-id\\s*:\\s*(<?[^\\s<>]{1,994}>?)");
    private static final Pattern ENHANCED_STATUS =
            Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern SMTP_REPLY =
            Pattern.compile("(?<![\\d.#-])([45])[0-5]\\d(?:[ -]|$)(?![\\d.:])", Pattern.MULTILINE);
    private static final Pattern ACTION = Pattern.compile("(?im)^action\\s*:\\s*([a-z]+)");
    private static final Pattern STATUS = Pattern.compile("(?im)^status\\s*:\\s*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern DIAGNOSTIC_CODE =
            Pattern.compile("(?im)^diagnostic-code\\s*:\\s*(.{1,1000}(?:\\n[ \\t]+.{1,1000}){0,20})");
    private static final Pattern FEEDBACK_TYPE = Pattern.compile("(?im)^feedback-type\\s*:\\s*([a-z-]+)");

    /** Where a copy of the original mail begins in a report's text. */
    private static final Pattern ORIGINAL_FOLLOWS = Pattern.compile(
            "(?im)^.{0,40}(below this line is a copy|this is a copy of the message|original message follows|"
                    + "unsent message follows|returned message follows|message headers follow|original message headers|"
                    + "headers of the original|original message (?:is )?attached|"
                    + "^received: |^return-path: |^-+ ?original message ?-+|^-+ ?message original ?-+)");

    private static final Pattern REPORT_SENDER = Pattern.compile(
            "(?i)^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|mdaemon|mail\\.?delivery\\.?(system|subsystem)|"
                    + "bounces?|daemon|nobody|root|no-?reply|do-?not-?reply|mailer|mmail|returns?|ndr)([+.-].*)?$");
    private static final Pattern MACHINE_NAME =
            Pattern.compile("(?i)\\b(mailer-daemon|postmaster|mail delivery (sub)?system)\\b");
    /** Hotmail's and Outlook.com's complaint loop (JMRP) sends no ARF, only this subject and the original. */
    private static final Pattern COMPLAINT_SUBJECT = Pattern.compile("(?i)^\\s*complaint about message from");

    private static final Pattern REPORT_SUBJECT = Pattern.compile(
            "(?i)(undeliver|undelivered|delivery (status|failure|failed|has failed|notification|problem|report|delayed)|"
                    + "returned mail|failure notice|mail delivery|non[- ]?delivery|could not be delivered|"
                    + "delivery ?status|mail system error|returned to sender|rejected|nicht zustellbar|unzustellbar|"
                    + "warning: (could not|message)|delayed mail|delivery delay|mail failure|mail could not|"
                    + "abuse report|complaint|feedback report|spam report|not delivered|message blocked|"
                    + "delivery notification|bounce|permanent error|transient failure|error sending|"
                    + "配信|不達|エラー|返送|退信|未送達)");
    private static final Pattern REPORT_TEXT =
            Pattern.compile("(?i)(this is the qmail-send program|created automatically by mail delivery software|"
                    + "the mail system|transcript of session follows|delivery to the following recipient|"
                    + "could not be delivered|was not delivered|undeliverable|delivery has failed|"
                    + "permanent (fatal )?error|user unknown|unknown user|mailbox (unavailable|not found|full)|"
                    + "does not exist|no such user|couldn't be delivered|delivery failed|message you sent|"
                    + "returned to you|have not been delivered|delivery is delayed|not yet been delivered|error delivering|"
                    + "unable to deliver|could not deliver|delivery to .{1,80} failed|message was not sent|"
                    + "failed to deliver|has been returned|rejected your message|not be delivered)");
    private static final Pattern DELAY_TEXT = Pattern.compile(
            "(?i)(\\(delay\\)|delivery (is )?delayed|delayed mail|delivery delay|warning: (could not send|message .* delayed)|"
                    + "not (yet )?been delivered (yet|for)|will (continue to )?(re)?try|still trying|"
                    + "will be retried|is delayed|temporarily deferred|retrying)");
    private static final Pattern DIAGNOSTIC_LINE = Pattern.compile(
            "(?im)^.*(?:(?<![\\d.#-])[45][0-5]\\d(?:[ -]|$)|[45]\\.\\d{1,3}\\.\\d{1,3}|user unknown|unknown user|"
                    + "no such (user|mailbox|address|recipient)|does not exist|mailbox (unavailable|full|is full|not found)|"
                    + "over ?quota|quota exceeded|rejected|refused|not found|host unknown|invalid (recipient|address|mailbox)|"
                    + "recipient address|blocked|spam|unrouteable|unreachable|timed? ?out|disabled|inactive|"
                    + "not accepting|account|denied).*$");

    private DeliveryReports() {}

    /** The report the mail is, or empty when it is none (a person's mail, an auto-reply). */
    public static Optional<DeliveryReport> read(byte[] raw) {
        ReportParts parts = ReportParts.of(raw);
        if (!isReport(parts)) {
            return Optional.empty();
        }
        String status = parts.statusBlocks.toString();
        String text = parts.text.toString();
        String head = head(text);
        String reportType = parts.topType == null ? "" : parts.topType;
        String subject = parts.header("subject");
        boolean feedback = reportType.contains("feedback-report")
                || subject != null && COMPLAINT_SUBJECT.matcher(subject).find()
                || parts.partTypes.contains("message/feedback-report")
                || FEEDBACK_TYPE.matcher(status).find();

        List<String> recipients = recipients(parts, status, head, feedback);
        String code = firstGroup(STATUS, status.isEmpty() ? head : status);
        String diagnostic = diagnostic(parts, status, head, feedback);
        if (code == null) {
            code = enhancedCode(diagnostic);
        }
        if (code == null) {
            code = enhancedCode(head);
        }
        Kind kind = feedback ? Kind.COMPLAINT : isDelay(parts, status, head, code) ? Kind.DELAY : Kind.BOUNCE;
        boolean hard = switch (kind) {
            case COMPLAINT -> true;
            case DELAY -> false;
            case BOUNCE -> isHard(code, diagnostic);
        };
        return Optional.of(new DeliveryReport(
                kind, hard, originalMessageId(parts, status, text), recipients, code, clean(diagnostic)));
    }

    private static boolean isReport(ReportParts parts) {
        String type = parts.topType == null ? "" : parts.topType;
        String subject = parts.header("subject");
        if (isReadReceipt(type, parts)) {
            return false;
        }
        if (type.startsWith("multipart/report")
                || subject != null && COMPLAINT_SUBJECT.matcher(subject).find()
                || parts.partTypes.stream()
                        .anyMatch(t -> t.contains("delivery-status") || t.contains("feedback-report"))) {
            return true;
        }
        String from = parts.header("from");
        boolean machine = false;
        if (from != null) {
            Matcher m = ANY_ADDRESS.matcher(from);
            machine = m.find()
                            && REPORT_SENDER
                                    .matcher(m.group(1).substring(0, m.group(1).indexOf('@')))
                                    .matches()
                    || MACHINE_NAME.matcher(from).find();
        }
        String returnPath = parts.header("return-path");
        boolean nullSender =
                returnPath != null && returnPath.replaceAll("\\s", "").equals("<>");
        boolean reportSubject =
                subject != null && REPORT_SUBJECT.matcher(subject).find();
        boolean reportText = REPORT_TEXT.matcher(head(parts.text.toString())).find();
        return (machine || nullSender || parts.header("x-failed-recipients") != null) && (reportSubject || reportText);
    }

    /**
     * A read receipt (RFC 8098 disposition notification) is a multipart/report too, and names the original and its
     * recipient just as a DSN does; but it says the mail arrived, so it is no report of ours.
     */
    private static boolean isReadReceipt(String type, ReportParts parts) {
        boolean disposition = type.contains("disposition-notification")
                || parts.partTypes.contains("message/disposition-notification");
        return disposition && parts.partTypes.stream().noneMatch(t -> t.contains("delivery-status"));
    }

    /** The text before a copy of the original mail, where the non-standard forms say what failed. */
    private static String head(String text) {
        Matcher m = ORIGINAL_FOLLOWS.matcher(text);
        return m.find() && m.start() > 0 ? text.substring(0, m.start()) : text;
    }

    private static List<String> recipients(ReportParts parts, String status, String head, boolean feedback) {
        Set<String> found = new LinkedHashSet<>();
        // A DSN whose multipart structure broke arrives as text: its fields are read there too.
        Matcher dsn = DSN_RECIPIENT.matcher(status.isEmpty() ? head : status);
        while (dsn.find() && found.size() < 20) {
            found.add(dsn.group(1).toLowerCase(Locale.ROOT));
        }
        if (!found.isEmpty()) {
            return List.copyOf(found);
        }
        String failed = parts.header("x-failed-recipients");
        if (failed != null) {
            addAll(found, ANY_ADDRESS.matcher(failed), Set.of());
            if (!found.isEmpty()) {
                return List.copyOf(found);
            }
        }
        if (feedback) {
            String to = ReportParts.first(parts.originalHeader, "x-hmxmroriginalrecipient");
            if (to == null) {
                to = ReportParts.first(parts.originalHeader, "to");
            }
            if (to == null) {
                to = headerLine(parts.originalHeaderText.toString(), "to");
            }
            if (to != null) {
                addAll(found, ANY_ADDRESS.matcher(to), Set.of());
            }
            return List.copyOf(found);
        }
        Set<String> excluded = excluded(parts);
        // An address on a line of its own is what the non-standard forms list as failed, even when it is also the
        // report's addressee (a mail to oneself); an address within a sentence counts only when it is no header's.
        addAll(found, LINE_ADDRESS.matcher(head), excluded);
        if (found.isEmpty()) {
            addAll(found, LINE_ADDRESS.matcher(head), Set.of());
        }
        if (found.isEmpty()) {
            addAll(found, BRACKETED_ADDRESS.matcher(head), excluded);
        }
        if (found.isEmpty()) {
            addAll(found, ANY_ADDRESS.matcher(head), excluded);
        }
        if (found.isEmpty()) {
            // The last resort: the original's To, from its attached or quoted header.
            String to = ReportParts.first(parts.originalHeader, "to");
            if (to == null) {
                to = headerLine(parts.originalHeaderText.toString(), "to");
            }
            if (to != null) {
                addAll(found, ANY_ADDRESS.matcher(to), excluded);
            }
        }
        return found.stream().limit(20).toList();
    }

    /** The addresses of the report's sender and addressee (the original's sender), never a failed recipient. */
    private static Set<String> excluded(ReportParts parts) {
        Set<String> excluded = new LinkedHashSet<>();
        for (String name : List.of("from", "to", "return-path", "reply-to", "sender")) {
            for (String[] field : parts.header) {
                if (field[0].equals(name)) {
                    addAll(excluded, ANY_ADDRESS.matcher(field[1]), Set.of());
                }
            }
        }
        String originalFrom = ReportParts.first(parts.originalHeader, "from");
        if (originalFrom == null) {
            originalFrom = headerLine(parts.originalHeaderText.toString(), "from");
        }
        if (originalFrom != null) {
            addAll(excluded, ANY_ADDRESS.matcher(originalFrom), Set.of());
        }
        return excluded;
    }

    private static boolean isMachine(String address) {
        return REPORT_SENDER.matcher(address.substring(0, address.indexOf('@'))).matches();
    }

    private static void addAll(Set<String> into, Matcher m, Set<String> excluded) {
        while (m.find() && into.size() < 20) {
            String address = m.group(1).toLowerCase(Locale.ROOT);
            if (!excluded.contains(address) && !isMachine(address)) {
                into.add(address);
            }
        }
    }

    private static @Nullable String headerLine(String block, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + "\\s*:\\s*(.{1,1000}(?:\\n[ \\t]+.{1,1000}){0,20})")
                .matcher(block);
        return m.find() ? ReportParts.unfold(m.group(1)) : null;
    }

    private static @Nullable String originalMessageId(ReportParts parts, String status, String text) {
        String attached = ReportParts.first(parts.originalHeader, "message-id");
        if (attached != null && normalisedId(attached) != null) {
            return normalisedId(attached);
        }
        for (String source : List.of(parts.originalHeaderText.toString(), status, text)) {
            Matcher m = MESSAGE_ID_FIELD.matcher(source);
            while (m.find()) {
                String id = normalisedId(m.group(1));
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /** A Message-ID in its angle brackets, or null when the value is none. */
    static @Nullable String normalisedId(String value) {
        String v = value.strip();
        int open = v.indexOf('<');
        int close = v.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            v = v.substring(open + 1, close);
        }
        v = v.strip();
        if (v.isEmpty()
                || v.length() > 996
                || !v.contains("@")
                || v.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c > 126)) {
            return null;
        }
        return "<" + v + ">";
    }

    private static String diagnostic(ReportParts parts, String status, String head, boolean feedback) {
        String code = firstGroup(DIAGNOSTIC_CODE, status.isEmpty() ? head : status);
        if (code != null) {
            return code.replaceFirst("(?i)^(smtp|x-[a-z0-9-]+|x-unix|x-postfix)\\s*;\\s*", "");
        }
        if (feedback) {
            String type = firstGroup(FEEDBACK_TYPE, status);
            String agent = firstGroup(Pattern.compile("(?im)^user-agent\\s*:\\s*(.+)$"), status);
            return "complaint (" + (type == null ? "abuse" : type) + ")"
                    + (agent == null ? "" : " from " + agent.strip());
        }
        Matcher line = DIAGNOSTIC_LINE.matcher(head);
        while (line.find()) {
            String found = line.group().strip();
            found = found.replaceFirst("^[>\\s*-]+", "");
            if (!found.isEmpty() && !found.regionMatches(true, 0, "received:", 0, 9)) {
                return found;
            }
        }
        String subject = parts.header("subject");
        return subject == null ? "delivery report" : subject;
    }

    private static boolean isDelay(ReportParts parts, String status, String head, @Nullable String code) {
        Matcher action = ACTION.matcher(status);
        boolean delayed = false;
        boolean failed = false;
        while (action.find()) {
            String a = action.group(1).toLowerCase(Locale.ROOT);
            delayed |= a.equals("delayed");
            failed |= a.equals("failed");
        }
        if (failed) {
            return false;
        }
        if (delayed) {
            return true;
        }
        if (code != null && code.startsWith("5")) {
            return false;
        }
        String subject = parts.header("subject");
        return (subject != null && DELAY_TEXT.matcher(subject).find())
                || (status.isEmpty() && DELAY_TEXT.matcher(head).find() && code != null && code.startsWith("4"));
    }

    private static boolean isHard(@Nullable String code, String diagnostic) {
        if (code != null) {
            return !code.startsWith("4");
        }
        Matcher reply = SMTP_REPLY.matcher(diagnostic);
        return !reply.find() || reply.group(1).equals("5");
    }

    private static @Nullable String enhancedCode(String text) {
        Matcher m = ENHANCED_STATUS.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("2")) {
                return m.group(1) + "." + m.group(2) + "." + m.group(3);
            }
        }
        return null;
    }

    private static @Nullable String firstGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** One line: control and format characters become spaces, runs of space one, at most the cap. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DIAGNOSTIC));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < MAX_DIAGNOSTIC; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            boolean blank = Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE;
            if (blank) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (out.length() + Character.charCount(c) > MAX_DIAGNOSTIC) {
                break;
            }
            out.appendCodePoint(c);
        }
        return out.toString();
    }
}
