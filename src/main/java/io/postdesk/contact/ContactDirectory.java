package io.postdesk.contact;

import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.PasswordPolicy;
import io.postdesk.shared.SqlTimes;
import io.postdesk.shared.Texts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks up customers by email or id, and creates them on first contact. */
@Service
public class ContactDirectory {

    private static final String COLUMNS = "id, name, email, created_at, bounced_at, bounce_reason";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordEncoder passwords;

    ContactDirectory(JdbcClient jdbc, Clock clock, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.passwords = passwords;
    }

    /**
     * The contact with this address, created if unknown. A name given later fills a missing name but never
     * overwrites one. Safe under concurrent calls for the same address.
     */
    @Transactional
    public Contact findOrCreate(EmailAddress email, @Nullable String name) {
        String validName = Texts.singleLine(name, "contactName", 200, false);
        Optional<Contact> existing = findByEmail(email);
        if (existing.isPresent()) {
            Contact contact = existing.get();
            if (contact.name() == null && validName != null) {
                jdbc.sql("UPDATE contacts SET name = ? WHERE id = ?")
                        .params(validName, contact.id())
                        .update();
                return new Contact(
                        contact.id(),
                        validName,
                        contact.email(),
                        contact.createdAt(),
                        contact.bouncedAt(),
                        contact.bounceReason());
            }
            return contact;
        }
        // ON CONFLICT makes a concurrent first contact from the same address wait and then reuse the row.
        jdbc.sql("INSERT INTO contacts (name, email, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(validName, email.value(), SqlTimes.utc(clock.instant()))
                .update();
        return findByEmail(email).orElseThrow(() -> new IllegalStateException("contact vanished after insert"));
    }

    public Optional<Contact> findByEmail(EmailAddress email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE email = ?")
                .param(email.value())
                .query(ContactDirectory::map)
                .optional();
    }

    /** The contact whose portal password matches, for sign-in; empty on any mismatch or when none is set. */
    public Optional<Contact> authenticate(String email, String password) {
        String canonical = email.strip().toLowerCase(java.util.Locale.ROOT);
        if (!EmailAddress.isValid(canonical)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT password_hash FROM contacts WHERE email = ? AND password_hash IS NOT NULL")
                .param(canonical)
                .query(String.class)
                .optional()
                .filter(hash -> passwords.matches(password, hash))
                .flatMap(hash -> findByEmail(new EmailAddress(canonical)));
    }

    /** Sets the contact's portal password; it must pass {@link PasswordPolicy}. */
    @Transactional
    public void changePassword(long contactId, String password) {
        PasswordPolicy.checked(password, "password");
        get(contactId);
        jdbc.sql("UPDATE contacts SET password_hash = ? WHERE id = ?")
                .params(passwords.encode(password), contactId)
                .update();
    }

    public Contact get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("contact", id));
    }

    public Optional<Contact> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id = ?")
                .param(id)
                .query(ContactDirectory::map)
                .optional();
    }

    public List<Contact> allById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id IN (:ids)")
                .param("ids", ids)
                .query(ContactDirectory::map)
                .list();
    }

    /** Contacts whose email starts with the given text, for lookups and autocompletion; bounded. */
    public List<Contact> search(String emailPrefix, int limit) {
        String prefix = emailPrefix.strip().toLowerCase(java.util.Locale.ROOT);
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE email LIKE ? ESCAPE '\\' ORDER BY email"
                        + " FETCH FIRST " + Math.clamp(limit, 1, 100) + " ROWS ONLY")
                .param(escapeLike(prefix) + "%")
                .query(ContactDirectory::map)
                .list();
    }

    /**
     * Mail to this address bounced for good: the contact (if there is one) carries a warning with the diagnostic
     * until they write in again. Returns whether a contact has the address.
     */
    @Transactional
    public boolean markBounced(EmailAddress email, String reason) {
        return jdbc.sql("UPDATE contacts SET bounced_at = ?, bounce_reason = ? WHERE email = ?")
                        .params(
                                SqlTimes.utc(clock.instant()),
                                reason.length() <= 300 ? reason : reason.substring(0, 300),
                                email.value())
                        .update()
                > 0;
    }

    /** The contact wrote in: their address works again, the bounce warning goes. */
    @Transactional
    public void clearBounce(long contactId) {
        jdbc.sql("UPDATE contacts SET bounced_at = NULL, bounce_reason = NULL WHERE id = ? AND bounced_at IS NOT NULL")
                .param(contactId)
                .update();
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Contact map(ResultSet rs, int row) throws SQLException {
        return new Contact(
                rs.getLong("id"),
                rs.getString("name"),
                new EmailAddress(rs.getString("email")),
                SqlTimes.requiredInstant(rs, "created_at"),
                SqlTimes.instant(rs, "bounced_at"),
                rs.getString("bounce_reason"));
    }
}
