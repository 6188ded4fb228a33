package io.postdesk.mail.inbound.smtp;

import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMails;
import io.postdesk.mail.inbound.InboundProperties;
import io.postdesk.mail.inbound.MemoryBudget;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.shared.EmailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Listens for SMTP when {@code postdesk.mail.inbound.smtp.enabled} is true. Each message goes through
 * {@link InboundMails#receive} with its envelope; the client gets 250 once the raw bytes are committed, 552 for a
 * message over {@code postdesk.mail.inbound.max-size}, 550 for a recipient domain Postdesk does not serve, 451 4.3.1
 * when the {@link MemoryBudget} has no room for it now, and 451 when storing fails, so the sending MTA keeps the mail
 * and tries again: nothing is lost. Postdesk never relays: it only receives.
 */
@Component
public class SmtpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

    private final SmtpListenerProperties properties;
    private final InboundMails inbound;
    private final MemoryBudget budget;
    private final long maxSize;
    private @Nullable SMTPServer server;

    SmtpListener(
            SmtpListenerProperties properties,
            InboundMails inbound,
            InboundProperties inboundProperties,
            MemoryBudget budget) {
        this.properties = properties;
        this.inbound = inbound;
        this.budget = budget;
        this.maxSize = inboundProperties.maxSize().toBytes();
    }

    /** The port listened on, or -1 when the listener is off. */
    public int port() {
        SMTPServer running = server;
        return running == null ? -1 : running.getPortAllocated();
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || server != null) {
            return;
        }
        try {
            server = SMTPServer.port(properties.port())
                    .bindAddress(InetAddress.getByName(properties.bindAddress()))
                    .hostName(properties.hostName())
                    .softwareName("Postdesk")
                    .maxRecipients(properties.maxRecipients())
                    .insertReceivedHeaders(false)
                    .messageHandlerFactory(Handler::new)
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("postdesk.mail.inbound.smtp.bind-address: " + e.getMessage(), e);
        }
        server.start();
        log.info("SMTP listener on {}:{}", properties.bindAddress(), server.getPortAllocated());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** One SMTP transaction: MAIL FROM, RCPT TO (each), DATA. */
    private final class Handler implements MessageHandler {

        private @Nullable String from;
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext context) {}

        @Override
        public void from(String address) {
            from = address == null || address.isBlank() ? null : address.strip();
        }

        @Override
        public void recipient(String address) throws RejectException {
            String canonical = address.strip().toLowerCase(Locale.ROOT);
            if (!EmailAddress.isValid(canonical)) {
                throw new RejectException(553, "5.1.3 not a valid recipient address");
            }
            String domain = canonical.substring(canonical.lastIndexOf('@') + 1);
            if (!properties.domains().isEmpty()
                    && properties.domains().stream().noneMatch(d -> d.equalsIgnoreCase(domain))) {
                throw new RejectException(
                        550, "5.7.1 relaying denied: this server only receives mail for its own domains");
            }
            recipients.add(canonical);
        }

        @Override
        public @Nullable String data(InputStream data) throws RejectException, IOException {
            // The message's size shows only as it arrives: the reservation grows with it, held until it is stored.
            try (var reservation = budget.reserve(0)) {
                byte[] raw = reservation.track(data).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxSize + 1));
                if (raw.length > maxSize) {
                    data.transferTo(OutputStream.nullOutputStream()); // read to the end, so the session can go on
                    throw new RejectException(552, "5.3.4 message too big for this system");
                }
                try {
                    Verdict.Stop result =
                            inbound.receive(new InboundDelivery(raw, "smtp", from, List.copyOf(recipients)));
                    return "2.0.0 accepted as inbound mail " + result.inboundId();
                } catch (RuntimeException e) {
                    log.warn(
                            "SMTP delivery from {} could not be stored, asked the sender to retry: {}",
                            from,
                            e.toString());
                    throw new RejectException(451, "4.3.0 temporary failure, please try again later");
                }
            } catch (MemoryBudget.ExhaustedException e) {
                // Read to the end without keeping it, so the session can go on; the MTA keeps the mail and retries.
                log.info("SMTP delivery from {} deferred: {}", from, e.getMessage());
                data.transferTo(OutputStream.nullOutputStream());
                throw new RejectException(451, "4.3.1 insufficient system resources, please try again later");
            }
        }

        @Override
        public void done() {}
    }
}
