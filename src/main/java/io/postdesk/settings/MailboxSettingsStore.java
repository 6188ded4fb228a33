package io.postdesk.settings;

import io.postdesk.shared.InvalidInputException;
import io.postdesk.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and saves {@link MailboxSettings}; the password is stored encrypted by {@link SecretBox}. */
@Service
public class MailboxSettingsStore {

    private static final String ENABLED = "mailbox.enabled";
    private static final String PROTOCOL = "mailbox.protocol";
    private static final String HOST = "mailbox.host";
    private static final String PORT = "mailbox.port";
    private static final String SSL = "mailbox.ssl";
    private static final String USERNAME = "mailbox.username";
    private static final String PASSWORD = "mailbox.password";
    private static final String FOLDER = "mailbox.folder";
    private static final String PROCESSED_FOLDER = "mailbox.processed-folder";

    /**
     * Raw form input; validated by {@link #save}. A null password keeps the stored one, "" clears it; a null
     * processed folder keeps mail in place (marked as seen).
     */
    public record Change(
            @Nullable Boolean enabled,
            @Nullable String protocol,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable Boolean ssl,
            @Nullable String username,
            @Nullable String password,
            @Nullable String folder,
            @Nullable String processedFolder) {}

    private final SettingsStore store;
    private final SecretBox secrets;
    private final ApplicationEventPublisher events;

    MailboxSettingsStore(SettingsStore store, SecretBox secrets, ApplicationEventPublisher events) {
        this.store = store;
        this.secrets = secrets;
        this.events = events;
    }

    public MailboxSettings current() {
        MailboxSettings none = MailboxSettings.none();
        return new MailboxSettings(
                store.get(ENABLED).map(Boolean::parseBoolean).orElse(false),
                store.get(PROTOCOL).map(MailboxSettings.Protocol::fromWire).orElse(none.protocol()),
                store.get(HOST).orElse(null),
                store.get(PORT).map(Integer::parseInt).orElse(none.port()),
                store.get(SSL).map(Boolean::parseBoolean).orElse(none.ssl()),
                store.get(USERNAME).orElse(null),
                store.get(PASSWORD).map(secrets::open).orElse(null),
                store.get(FOLDER).orElse(MailboxSettings.DEFAULT_FOLDER),
                processedFolder(store.get(PROCESSED_FOLDER).orElse(null), none));
    }

    @Transactional
    public MailboxSettings save(Change change) {
        MailboxSettings.Protocol protocol;
        try {
            protocol = change.protocol() == null || change.protocol().isBlank()
                    ? MailboxSettings.Protocol.IMAP
                    : MailboxSettings.Protocol.fromWire(change.protocol());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("protocol", "must be imap or pop3");
        }
        String host = Texts.singleLine(change.host(), "host", 255, false);
        if (host != null && !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new InvalidInputException("host", "must be a host name or IP address");
        }
        boolean ssl = change.ssl() == null || change.ssl();
        int port = change.port() != null ? change.port() : defaultPort(protocol, ssl);
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("port", "must be between 1 and 65535");
        }
        String username = Texts.singleLine(change.username(), "username", 255, false);
        String folder = Texts.singleLine(change.folder(), "folder", 200, false);
        String processed = Texts.singleLine(change.processedFolder(), "processedFolder", 200, false);
        if (processed != null && processed.equalsIgnoreCase(folder == null ? MailboxSettings.DEFAULT_FOLDER : folder)) {
            throw new InvalidInputException("processedFolder", "must differ from the folder mail is fetched from");
        }
        boolean enabled = Boolean.TRUE.equals(change.enabled());
        if (enabled && (host == null || username == null)) {
            throw new InvalidInputException("host", "and a username are required to fetch mail");
        }
        store.put(ENABLED, Boolean.toString(enabled));
        store.put(PROTOCOL, protocol.wire());
        store.put(HOST, host);
        store.put(PORT, Integer.toString(port));
        store.put(SSL, Boolean.toString(ssl));
        store.put(USERNAME, username);
        store.put(FOLDER, folder == null ? MailboxSettings.DEFAULT_FOLDER : folder);
        store.put(PROCESSED_FOLDER, processed == null ? "" : processed);
        if (change.password() != null) {
            if (change.password().length() > 500) {
                throw new InvalidInputException("password", "must be at most 500 characters");
            }
            store.put(PASSWORD, change.password().isEmpty() ? null : secrets.seal(change.password()));
        }
        events.publishEvent(new MailboxSettingsChanged());
        return current();
    }

    /** Saved as "" means: keep mail in place, marked as seen. Never saved: the default folder. */
    private static @Nullable String processedFolder(@Nullable String saved, MailboxSettings none) {
        if (saved == null) {
            return none.processedFolder();
        }
        return saved.isEmpty() ? null : saved;
    }

    static int defaultPort(MailboxSettings.Protocol protocol, boolean ssl) {
        return switch (protocol) {
            case IMAP -> ssl ? 993 : 143;
            case POP3 -> ssl ? 995 : 110;
        };
    }
}
