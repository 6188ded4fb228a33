package io.postdesk.mail.outbound;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing mail: the outbox worker, its retry schedule, SMTP timeouts and notice limits.
 *
 * @param workerEnabled whether this instance delivers outbox mail (several instances may, safely)
 * @param firstRetry delay before the first retry; each further retry doubles it up to {@code maxRetryInterval}
 * @param giveUpAfter how long a mail is retried before it is marked failed (it can still be retried by hand)
 * @param claimLease how long a worker's claim on a mail lasts unless renewed; the worker renews it every third of
 *     this while it sends, so after a crash the mail is taken over (by another instance, or by this one restarted)
 *     within this time. Longer than any stall of a healthy worker, else a stalled worker's mail may be sent twice
 * @param trustedHosts space-separated SMTP hosts whose TLS certificate is accepted without validation (self-signed
 *     test servers); empty in production
 * @param noticesPerRecipientPerHour automatic notices one address may receive per hour (mail-loop protection)
 * @param dashboardUrl the address agents open Postdesk at, for links in staff notifications
 */
@Validated
@ConfigurationProperties("postdesk.mail.outbound")
public record OutboundProperties(
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("15s") Duration firstRetry,
        @DefaultValue("30m") Duration maxRetryInterval,
        @DefaultValue("48h") Duration giveUpAfter,
        @DefaultValue("30s") Duration claimLease,
        @DefaultValue("50") @Min(1) @Max(500) int batchSize,
        @DefaultValue("10s") Duration smtpTimeout,
        @DefaultValue("") String trustedHosts,
        @DefaultValue("10") @Min(1) int noticesPerRecipientPerHour,
        @DefaultValue("http://localhost:8080") URI dashboardUrl) {}
