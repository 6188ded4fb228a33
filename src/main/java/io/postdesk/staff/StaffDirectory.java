package io.postdesk.staff;

import io.postdesk.shared.ConflictException;
import io.postdesk.shared.EmailAddress;
import io.postdesk.shared.NotFoundException;
import io.postdesk.shared.PasswordPolicy;
import io.postdesk.shared.Snapshot;
import io.postdesk.shared.SnapshotVersions;
import io.postdesk.shared.Texts;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds and creates staff members; staff are recognised by their email address. */
@Service
public class StaffDirectory {

    static final String DUPLICATE_EMAIL = "a staff member with this email already exists";

    private final StaffRepository staff;
    private final PasswordEncoder passwords;
    private final Clock clock;
    /** Every inbound mail asks whether its sender (and each Cc) is staff: the staff list is held in memory. */
    private final Snapshot<Map<EmailAddress, StaffMember>> byEmail;

    StaffDirectory(StaffRepository staff, PasswordEncoder passwords, Clock clock, SnapshotVersions versions) {
        this.staff = staff;
        this.passwords = passwords;
        this.clock = clock;
        this.byEmail = new Snapshot<>("staff", versions, this::loadByEmail);
    }

    @Transactional
    public StaffMember create(String name, String email, StaffRole role, @Nullable String password) {
        String validName = Texts.singleLine(name, "name", 200, true);
        EmailAddress address = EmailAddress.parse(email, "email");
        if (staff.findByEmail(address).isPresent()) {
            throw new ConflictException("email", DUPLICATE_EMAIL);
        }
        String hash = password == null ? null : passwords.encode(checkedPassword(password));
        long id = staff.insert(validName, address, role, hash, clock.instant());
        byEmail.changed();
        return get(id);
    }

    @Transactional
    public void changePassword(long staffId, String password) {
        get(staffId);
        staff.updatePasswordHash(staffId, passwords.encode(checkedPassword(password)));
    }

    @Transactional
    public StaffMember changeNotifications(long staffId, boolean newTickets, boolean customerReplies) {
        get(staffId);
        staff.updateNotifications(staffId, newTickets, customerReplies);
        byEmail.changed();
        return get(staffId);
    }

    static final String LAST_ADMIN = "is the last active admin; make someone else an admin first";

    /**
     * Edits a staff member's name and role. Demoting the last active admin is refused, so the helpdesk always keeps
     * someone who can reach Settings.
     */
    @Transactional
    public StaffMember change(long staffId, String name, StaffRole role) {
        StaffMember member = get(staffId);
        String validName = Texts.singleLine(name, "name", 200, true);
        if (member.isAdmin() && role != StaffRole.ADMIN && isActive(staffId) && staff.countActiveAdmins() <= 1) {
            throw new ConflictException("role", member.name() + " " + LAST_ADMIN);
        }
        staff.updateNameAndRole(staffId, validName, role);
        byEmail.changed();
        return get(staffId);
    }

    /**
     * Deactivates a staff member: their tickets and messages stay, but they can no longer sign in, their open sessions
     * end at their next request and their API tokens stop working. The last active admin cannot be deactivated.
     */
    @Transactional
    public void deactivate(long staffId) {
        StaffMember member = get(staffId);
        if (!isActive(staffId)) {
            return;
        }
        if (member.isAdmin() && staff.countActiveAdmins() <= 1) {
            throw new ConflictException("staff", member.name() + " " + LAST_ADMIN);
        }
        staff.updateDeactivatedAt(staffId, clock.instant());
        byEmail.changed();
    }

    @Transactional
    public void reactivate(long staffId) {
        get(staffId);
        staff.updateDeactivatedAt(staffId, null);
        byEmail.changed();
    }

    /** Whether the staff member may sign in and act; read on every dashboard request and API call (by primary key). */
    public boolean isActive(long staffId) {
        return staff.findActiveById(staffId).isPresent();
    }

    /** The staff member as stored now, if still active: sessions and tokens are checked against this. */
    public Optional<StaffMember> findActiveById(long staffId) {
        return staff.findActiveById(staffId);
    }

    /** The ids of deactivated staff members, for the team list. */
    public java.util.Set<Long> deactivatedIds() {
        return staff.deactivatedIds();
    }

    /** The staff member whose password matches, for sign-in; empty on any mismatch. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> authenticate(String email, String password) {
        if (!EmailAddress.isValid(email.strip().toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        EmailAddress address = EmailAddress.parse(email, "email");
        return staff.passwordHash(address)
                .filter(hash -> passwords.matches(password, hash))
                .flatMap(hash -> staff.findByEmail(address));
    }

    public StaffMember get(long id) {
        return staff.findById(id).orElseThrow(() -> new NotFoundException("staff member", id));
    }

    public Optional<StaffMember> findById(long id) {
        return staff.findById(id);
    }

    public Optional<StaffMember> findByEmail(EmailAddress email) {
        return Optional.ofNullable(byEmail.get().get(email));
    }

    public boolean isStaff(EmailAddress email) {
        return byEmail.get().containsKey(email);
    }

    private Map<EmailAddress, StaffMember> loadByEmail() {
        // A deactivated member's mail is no longer staff mail: it cannot reply as staff or run mail commands.
        return staff.findAllActive().stream()
                .collect(Collectors.toUnmodifiableMap(StaffMember::email, member -> member));
    }

    public List<StaffMember> all() {
        return staff.findAll();
    }

    public List<StaffMember> allById(Collection<Long> ids) {
        return staff.findAllById(ids);
    }

    public Optional<StaffMember> firstAdmin() {
        return staff.firstAdmin();
    }

    public long count() {
        return staff.count();
    }

    private static String checkedPassword(String password) {
        return PasswordPolicy.checked(password, "password");
    }
}
