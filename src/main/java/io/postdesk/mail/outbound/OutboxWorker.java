package io.postdesk.mail.outbound;

import io.postdesk.settings.EmailSettings;
import io.postdesk.settings.EmailSettingsStore;
import jakarta.mail.MessagingException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: claims due mails in batches, sends a batch over one SMTP connection, and records each result.
 * Runs on one background thread per instance; any number of instances may share a database. While a batch is being
 * sent its lease is renewed, and each mail is checked to be still this worker's right before it is sent.
 */
@Component
public class OutboxWorker implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final Outbox outbox;
    private final SmtpGateway smtp;
    private final EmailSettingsStore settings;
    private final OutboxSignal signal;
    private final OutboundProperties properties;
    /** Renews leases on its own thread, so they hold while the worker waits on the SMTP server. */
    private final ScheduledExecutorService leaseRenewal = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outbox-lease").daemon().factory());

    private volatile Thread thread;

    OutboxWorker(
            Outbox outbox,
            SmtpGateway smtp,
            EmailSettingsStore settings,
            OutboxSignal signal,
            OutboundProperties properties) {
        this.outbox = outbox;
        this.smtp = smtp;
        this.settings = settings;
        this.signal = signal;
        this.properties = properties;
    }

    /** Delivers what is due now, batch after batch; returns how many mails were claimed. */
    public int deliverDue() {
        int total = 0;
        List<Outbox.Claimed> batch;
        do {
            batch = outbox.claimDue(properties.batchSize());
            total += batch.size();
            if (!batch.isEmpty()) {
                deliver(batch);
            }
        } while (batch.size() == properties.batchSize());
        return total;
    }

    private void deliver(List<Outbox.Claimed> batch) {
        EmailSettings current = settings.current();
        if (!current.canSend()) {
            batch.forEach(mail -> outbox.markAttemptFailed(mail, "SMTP is not configured"));
            return;
        }
        SmtpGateway.Connection connection;
        try {
            connection = smtp.connect(current);
        } catch (MessagingException e) {
            String reason = SmtpGateway.explain(e, current);
            log.warn("Cannot reach the SMTP server; {} mail(s) will be retried: {}", batch.size(), reason);
            batch.forEach(mail -> outbox.markAttemptFailed(mail, reason));
            return;
        }
        long renewEvery = Math.max(1, properties.claimLease().toMillis() / 3);
        String claim = batch.getFirst().claim();
        ScheduledFuture<?> renewal =
                leaseRenewal.scheduleAtFixedRate(() -> renew(claim), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        try (connection) {
            for (Outbox.Claimed mail : batch) {
                if (!outbox.keepsClaim(mail)) {
                    log.warn("Outbox mail {} was taken over by another worker after its lease ran out", mail.id());
                    continue;
                }
                try {
                    connection.send(mail.envelopeFrom(), mail.recipients(), mail.mime());
                    outbox.markSent(mail.id());
                } catch (MessagingException | RuntimeException e) {
                    String reason = SmtpGateway.explain(e, current);
                    boolean permanent = SmtpGateway.isPermanent(e);
                    log.warn(
                            "Outbox mail {} not delivered ({}): {}",
                            mail.id(),
                            permanent ? "gave up" : "will retry",
                            reason);
                    if (permanent) {
                        outbox.markFailed(mail, reason);
                    } else {
                        outbox.markAttemptFailed(mail, reason);
                    }
                }
            }
        } finally {
            renewal.cancel(false);
        }
    }

    /**
     * Keeps the batch's lease while it is being sent (one slow SMTP conversation may take longer than a lease). A
     * failed renewal is only logged: the next one may succeed, and if the lease runs out, another worker takes over.
     */
    private void renew(String claim) {
        try {
            outbox.renewLease(claim);
        } catch (RuntimeException e) {
            log.warn("Could not renew the outbox lease: {}", e.toString());
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                deliverDue();
                signal.await(properties.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // A database hiccup must not kill the worker; the claimed mails are reclaimed when their lease ends.
                log.error("Outbox worker round failed", e);
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (properties.workerEnabled() && thread == null) {
            thread = Thread.ofPlatform().name("outbox-worker").daemon().start(this::run);
        }
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(properties.smtpTimeout().toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void destroy() {
        leaseRenewal.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
