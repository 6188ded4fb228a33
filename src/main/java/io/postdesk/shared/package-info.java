/**
 * Tiny value types and domain exceptions used by every module: {@link io.postdesk.shared.EmailAddress},
 * {@link io.postdesk.shared.NotFoundException}, {@link io.postdesk.shared.InvalidInputException}, and
 * {@link io.postdesk.shared.Snapshot} for small tables held in memory (with {@link io.postdesk.shared.SnapshotVersions},
 * how a node learns that another changed one); and the account rules every sign-in shares:
 * {@link io.postdesk.shared.PasswordPolicy} and {@link io.postdesk.shared.LoginAttempts}. No Spring beans, no I/O (a
 * snapshot only asks Spring's transaction synchronisation to forget it again after a commit; the password policy
 * reads its common-password list from the classpath once).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package io.postdesk.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
