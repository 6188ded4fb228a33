package io.postdesk.system;

import io.postdesk.staff.PasswordResets;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends every dashboard session of a staff member whose password was reset through a link: whoever knew the old
 * password (the reason for a reset, often) is signed out on every node, since sessions live in the shared database
 * (Spring Session JDBC indexes them by principal name, the member's email). Runs inside the reset's transaction, so
 * the password and the sessions change together.
 */
@Component
class SessionRevocation {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionRevocation(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(PasswordResets.PasswordReset reset) {
        sessions.findByPrincipalName(reset.principalName()).keySet().forEach(sessions::deleteById);
    }
}
