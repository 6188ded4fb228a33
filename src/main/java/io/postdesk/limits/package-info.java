/**
 * Counters shared by every node through the database (docs/adr/0016): the sign-in lockouts of staff and portal
 * ({@link io.postdesk.shared.LoginAttempts} over {@link io.postdesk.limits.SharedCounters}) and fixed-window limits
 * such as the contact form's. Each change is one atomic {@code UPDATE … WHERE} (or an insert of the first hit), so two
 * nodes never both spend the last unit of an allowance. Also the versions of the in-memory snapshots (settings, spam
 * list, staff), bumped with each change and polled by every node (docs/adr/0024).
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.limits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
