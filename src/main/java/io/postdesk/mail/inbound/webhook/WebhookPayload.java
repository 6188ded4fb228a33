package io.postdesk.mail.inbound.webhook;

import io.postdesk.mail.inbound.InboundDelivery;
import org.jspecify.annotations.Nullable;

/**
 * A webhook request read: the mail it carries, and Mailgun's own signature fields when it came from Mailgun.
 */
record WebhookPayload(InboundDelivery delivery, @Nullable MailgunSignature mailgun) {

    /** Mailgun signs {@code timestamp + token} with the account's webhook signing key. */
    record MailgunSignature(String timestamp, String token, String signature) {}
}
