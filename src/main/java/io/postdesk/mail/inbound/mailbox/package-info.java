/**
 * The mailbox channel (SPEC §2, channel 2): {@link io.postdesk.mail.inbound.mailbox.MailboxPoller} fetches mail from
 * an existing IMAP mailbox (POP3 as a fallback), hands each message's exact bytes to
 * {@link io.postdesk.mail.inbound.InboundMails}, and only then moves, marks or deletes it on the server. Exposed as the
 * named interface {@code mailbox} for the dashboard's settings page.
 */
@NamedInterface("mailbox")
@NullMarked
package io.postdesk.mail.inbound.mailbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
