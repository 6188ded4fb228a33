/**
 * Reads delivery and feedback reports: RFC 3464 delivery status notifications ({@code message/delivery-status} and
 * {@code message/global-delivery-status}), RFC 5965 ARF feedback reports, and the non-standard bounces of the common
 * mail servers and providers (qmail, Exim, Postfix and Sendmail without DSN, Exchange and Office 365, Gmail, Yahoo,
 * Amazon SES and others), into one {@link io.postdesk.mail.report.DeliveryReport}.
 *
 * <p>Design: one pure function, {@link io.postdesk.mail.report.DeliveryReports#read}, with no Spring and no I/O, so
 * the inbound pipeline's {@code RecordDeliveryReport} step and the corpus tests use the very same reading. The mail
 * is walked once with mime4j's streaming {@code MimeTokenStream} (no object tree, no recursion), bounded in input
 * size, parts, nesting, text per part and time. What the walk keeps is sorted into the report's own header, the
 * machine-readable status blocks, the human-readable text, and the headers of the returned original (an attached
 * {@code message/rfc822}, a {@code text/rfc822-headers} part, or a copy quoted in the text). The fields are then read
 * from the most reliable source first: DSN fields, then the headers of the original, then patterns in the text that
 * the non-standard forms share (an address on its own line or before a colon, an SMTP reply, an enhanced status
 * code), much as sisimai does, but without one parser per server. The diagnostic is one line, control characters
 * removed and capped; it is stored and shown as text, never as markup. A report proves nothing about who sent it:
 * the caller must match the original Message-ID and the recipients against what it really sent.
 */
@NullMarked
package io.postdesk.mail.report;

import org.jspecify.annotations.NullMarked;
