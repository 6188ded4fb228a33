package io.postdesk.mail.inbound.mailbox;

import io.postdesk.mail.ConnectionProblems;
import io.postdesk.mail.inbound.InboundDelivery;
import io.postdesk.mail.inbound.InboundMails;
import io.postdesk.mail.inbound.MemoryBudget;
import io.postdesk.settings.MailboxSettings;
import io.postdesk.settings.MailboxSettingsStore;
import io.postdesk.shared.PayloadTooLargeException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Fetches mail from the configured mailbox. Each message's exact bytes are stored through {@link InboundMails} (raw
 * first, then the pipeline) before the message is touched on the server: IMAP mail is then moved to the processed
 * folder (or marked seen), POP3 mail deleted. A crash between the two leaves the mail on the server; fetched again,
 * it is answered {@code duplicate}, so nothing is lost and nothing doubled. Several instances could poll the same
 * mailbox for the same reason, but the schedule only fetches on the node that holds the {@link MailboxLease}, so one
 * node at a time talks to the mailbox; an admin's "Fetch now" fetches on the node it reached.
 */
@Service
public class MailboxPoller {

    /** At most this many messages per poll, so one poll stays short; the next poll takes the rest. */
    static final int MAX_PER_POLL = 200;

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    /** What the last poll did: when, how many mails it stored, and the error that stopped it, if any. */
    public record Poll(Instant at, int fetched, @Nullable String error) {}

    /** Test Connection: whether signing in and opening the folder worked, and how many messages wait there. */
    public record Check(boolean ok, @Nullable String error, int messages) {}

    private final MailboxSettingsStore settings;
    private final InboundMails inbound;
    private final MemoryBudget budget;
    private final MailboxLease lease;
    private final Clock clock;
    private final String trustedHosts;
    private final long timeoutMillis;
    private final ReentrantLock running = new ReentrantLock();
    private volatile @Nullable Poll last;

    MailboxPoller(
            MailboxSettingsStore settings,
            InboundMails inbound,
            MemoryBudget budget,
            MailboxLease lease,
            Clock clock,
            @Value("${postdesk.mail.outbound.trusted-hosts:}") String trustedHosts,
            @Value("${postdesk.mail.inbound.mailbox-timeout:20s}") java.time.Duration timeout) {
        this.settings = settings;
        this.inbound = inbound;
        this.budget = budget;
        this.lease = lease;
        this.clock = clock;
        this.trustedHosts = trustedHosts;
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * The schedule (and IMAP IDLE): fetches when the mailbox is switched on, this node holds the {@link MailboxLease}
     * (or takes it now, being free) and no fetch is running already.
     */
    @Scheduled(
            fixedDelayString = "${postdesk.mail.inbound.mailbox-poll-interval:60s}",
            initialDelayString = "${postdesk.mail.inbound.mailbox-poll-interval:60s}")
    void pollWhenEnabled() {
        MailboxSettings current = settings.current();
        if (current.enabled() && current.isConfigured() && lease.hold() && running.tryLock()) {
            try {
                last = fetch(current);
            } finally {
                running.unlock();
            }
        }
    }

    public Optional<Poll> lastPoll() {
        return Optional.ofNullable(last);
    }

    /** Fetches now (an admin's "Fetch now"), after a fetch that is running already; one at a time per instance. */
    public Poll pollNow() {
        running.lock();
        try {
            MailboxSettings current = settings.current();
            Poll poll;
            if (!current.isConfigured()) {
                poll = new Poll(clock.instant(), 0, "No mailbox is configured: save a host and a username first.");
            } else {
                poll = fetch(current);
            }
            last = poll;
            return poll;
        } finally {
            running.unlock();
        }
    }

    /** Signs in and opens the folder, nothing more. */
    public Check test() {
        MailboxSettings current = settings.current();
        if (!current.isConfigured()) {
            return new Check(false, "No mailbox is configured: save a host and a username first.", 0);
        }
        try (Store store = connect(current, timeoutMillis)) {
            Folder folder = store.getFolder(folderName(current));
            folder.open(Folder.READ_ONLY);
            try {
                return new Check(true, null, folder.getMessageCount());
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            return new Check(false, explain(e, current), 0);
        }
    }

    private Poll fetch(MailboxSettings current) {
        int fetched = 0;
        try (Store store = connect(current, timeoutMillis)) {
            Folder folder = store.getFolder(folderName(current));
            folder.open(Folder.READ_WRITE);
            boolean expunge = false;
            try {
                Message[] waiting =
                        current.protocol() == MailboxSettings.Protocol.IMAP && current.processedFolder() == null
                                ? folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))
                                : folder.getMessages();
                List<Message> stored = new ArrayList<>();
                try {
                    for (int i = 0; i < Math.min(waiting.length, MAX_PER_POLL); i++) {
                        if (store(waiting[i], current)) {
                            stored.add(waiting[i]);
                        }
                    }
                } catch (MemoryBudget.ExhaustedException e) {
                    // The rest stays on the server for the next poll; what was stored is still marked below.
                    log.info(
                            "Fetching from {} paused after {} mail(s): {}",
                            current.host(),
                            stored.size(),
                            e.getMessage());
                }
                fetched = stored.size();
                expunge = markStored(store, folder, stored.toArray(Message[]::new), current);
            } finally {
                folder.close(expunge);
            }
            if (fetched > 0) {
                log.info("Fetched {} mail(s) from {}", fetched, current.host());
            }
            return new Poll(clock.instant(), fetched, null);
        } catch (MessagingException | RuntimeException e) {
            String error = e instanceof MessagingException m ? explain(m, current) : "Storing a mail failed: " + e;
            log.warn("Fetching mail from {} stopped after {} mail(s): {}", current.host(), fetched, error);
            return new Poll(clock.instant(), fetched, error);
        }
    }

    /**
     * Stores one message; false when it must stay on the server (too large: an admin has to look at it). Room in the
     * {@link MemoryBudget} is reserved by the size the server reports before the message is fetched.
     *
     * @throws MemoryBudget.ExhaustedException when there is no room now: the message stays on the server
     */
    private boolean store(Message message, MailboxSettings current) throws MessagingException {
        int size = message.getSize();
        try (var reservation = budget.reserve(Math.max(size, 0))) {
            byte[] raw;
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? size + 1024 : 8192);
                message.writeTo(out);
                raw = out.toByteArray();
            } catch (IOException e) {
                throw new MessagingException("reading a message failed", e);
            }
            // The reported size may be short of the real one (POP3 servers count lines their own way).
            reservation.growTo(raw.length);
            try {
                inbound.receive(new InboundDelivery(raw, current.protocol().wire(), null, List.of()));
                return true;
            } catch (PayloadTooLargeException e) {
                log.warn("A mail of {} bytes in {} is too large to fetch; it stays on the server", raw.length, current);
                return false;
            }
        }
    }

    /** Moves (IMAP with a processed folder), marks seen (IMAP without) or deletes (POP3) what was stored. */
    private boolean markStored(Store store, Folder folder, Message[] stored, MailboxSettings current)
            throws MessagingException {
        if (stored.length == 0) {
            return false;
        }
        if (current.protocol() == MailboxSettings.Protocol.POP3) {
            folder.setFlags(stored, new Flags(Flags.Flag.DELETED), true);
            return true;
        }
        if (current.processedFolder() == null) {
            folder.setFlags(stored, new Flags(Flags.Flag.SEEN), true);
            return false;
        }
        Folder target = store.getFolder(current.processedFolder());
        if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("could not create the folder " + current.processedFolder());
        }
        if (folder instanceof IMAPFolder imap) {
            try {
                imap.moveMessages(stored, target);
                return false;
            } catch (MessagingException e) {
                // No MOVE extension: copy, then delete the originals.
                log.debug("IMAP MOVE failed, copying instead: {}", e.getMessage());
            }
        }
        folder.copyMessages(stored, target);
        folder.setFlags(stored, new Flags(Flags.Flag.DELETED), true);
        return true;
    }

    /** Signs in; {@code readTimeoutMillis} bounds each wait for the server (IDLE waits much longer than a fetch). */
    Store connect(MailboxSettings current, long readTimeoutMillis) throws MessagingException {
        String protocol = current.protocol().wire() + (current.ssl() ? "s" : "");
        Properties props = new Properties();
        String timeout = Long.toString(timeoutMillis);
        props.put("mail." + protocol + ".connectiontimeout", timeout);
        props.put("mail." + protocol + ".timeout", Long.toString(readTimeoutMillis));
        props.put("mail." + protocol + ".writetimeout", timeout);
        props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        // Reading a message must not mark it seen: only a stored mail is marked.
        props.put("mail." + protocol + ".peek", "true");
        if (!current.ssl()) {
            props.put("mail." + protocol + ".starttls.enable", "true");
        }
        if (!trustedHosts.isBlank()) {
            props.put("mail." + protocol + ".ssl.trust", trustedHosts);
            props.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        }
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(current.host(), current.port(), current.username(), current.password());
        return store;
    }

    static String folderName(MailboxSettings current) {
        return current.protocol() == MailboxSettings.Protocol.POP3 ? "INBOX" : current.folder();
    }

    static String explain(MessagingException e, MailboxSettings current) {
        if (e instanceof AuthenticationFailedException) {
            return "Sign-in failed: the server rejected the username or password. Some providers (Gmail, Outlook)"
                    + " need an app-specific password, and IMAP or POP3 access switched on.";
        }
        if (e instanceof FolderNotFoundException) {
            return "The folder " + folderName(current) + " does not exist in this mailbox.";
        }
        String network = ConnectionProblems.network(
                e,
                current.host(),
                current.port(),
                current.protocol().name(),
                "Check that SSL/TLS is on for port " + (current.protocol() == MailboxSettings.Protocol.IMAP ? 993 : 995)
                        + " and off for plain ports with STARTTLS,");
        return network != null ? network : "The mail server said: " + ConnectionProblems.firstLine(e.getMessage());
    }
}
