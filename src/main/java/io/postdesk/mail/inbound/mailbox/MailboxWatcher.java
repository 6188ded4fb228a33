package io.postdesk.mail.inbound.mailbox;

import io.postdesk.settings.MailboxSettings;
import io.postdesk.settings.MailboxSettingsChanged;
import io.postdesk.settings.MailboxSettingsStore;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Duration;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * IMAP IDLE (SPEC §2: "and IDLE where the server supports it"): keeps one connection waiting in IDLE on the mailbox
 * folder, and fetches through {@link MailboxPoller} as soon as the server reports a change, so mail arrives in seconds
 * rather than at the next poll. The poll goes on regardless and covers servers without IDLE, dropped connections and
 * POP3. Only the node holding the {@link MailboxLease} keeps the connection; the others check every few seconds
 * whether the lease has become free (its node died or stopped). Saving the mailbox settings ends the wait, so the next
 * one uses them. Switch off with
 * {@code postdesk.mail.inbound.mailbox-idle=false}.
 */
@Component
class MailboxWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxWatcher.class);
    /** How long one IDLE lasts before it is renewed (servers drop idle connections after about 30 minutes). */
    private static final Duration IDLE_FOR = Duration.ofMinutes(10);
    /** The pause before trying again when the mailbox is off, unreachable or has no IDLE. */
    private static final Duration PAUSE = Duration.ofSeconds(30);

    private final MailboxSettingsStore settings;
    private final MailboxPoller poller;
    private final MailboxLease lease;
    private final boolean enabled;
    private final Object wake = new Object();
    private volatile boolean running;
    private volatile @Nullable Store waiting;
    private @Nullable Thread thread;

    MailboxWatcher(
            MailboxSettingsStore settings,
            MailboxPoller poller,
            MailboxLease lease,
            @Value("${postdesk.mail.inbound.mailbox-idle:true}") boolean enabled) {
        this.settings = settings;
        this.poller = poller;
        this.lease = lease;
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        if (enabled && !running) {
            running = true;
            thread = Thread.ofVirtual().name("mailbox-idle").start(this::watch);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MailboxSettingsChanged changed) {
        wakeUp();
    }

    /** Ends the current wait: a sleeping loop goes round again, an IDLE connection is closed. */
    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
        Store store = waiting;
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // closing to end the IDLE; nothing else to do
            }
        }
    }

    private void watch() {
        while (running) {
            long idleStarted = System.nanoTime();
            MailboxSettings current = settings.current();
            if (!current.enabled() || !current.isConfigured() || current.protocol() != MailboxSettings.Protocol.IMAP) {
                pause(PAUSE);
                continue;
            }
            if (!lease.hold()) {
                // Another node watches the mailbox; ask again soon, so a dead node's mailbox moves within seconds.
                pause(lease.standby());
                continue;
            }
            try (Store store = poller.connect(current, IDLE_FOR.toMillis())) {
                if (!(store instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                    pause(PAUSE);
                    continue;
                }
                waiting = store;
                Folder folder = store.getFolder(MailboxPoller.folderName(current));
                folder.open(Folder.READ_ONLY);
                // Fetch what is there, then wait for the server to report a change; the next round fetches it.
                poller.pollWhenEnabled();
                idleStarted = System.nanoTime();
                ((IMAPFolder) folder).idle(true);
            } catch (MessagingException | RuntimeException e) {
                // An IDLE that ran out its time ends with an error too: renew it at once. Anything else: pause.
                boolean longWait =
                        System.nanoTime() - idleStarted > Duration.ofMinutes(1).toNanos();
                if (running && !longWait) {
                    log.debug("IMAP IDLE on the mailbox ended: {}", e.toString());
                    pause(PAUSE);
                }
            } finally {
                waiting = null;
            }
        }
    }

    private void pause(Duration duration) {
        synchronized (wake) {
            try {
                wake.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
