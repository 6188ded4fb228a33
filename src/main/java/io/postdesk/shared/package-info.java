/**
 * Tiny value types and domain exceptions used by every module: {@link io.postdesk.shared.EmailAddress},
 * {@link io.postdesk.shared.NotFoundException}, {@link io.postdesk.shared.InvalidInputException}, and
 * {@link io.postdesk.shared.Snapshot} for small tables held in memory. No Spring beans, no I/O (a snapshot only asks
 * Spring's transaction synchronisation to forget it again after a commit).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package io.postdesk.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
