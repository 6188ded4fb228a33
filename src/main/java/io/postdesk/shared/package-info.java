/**
 * Tiny value types and domain exceptions used by every module: {@link io.postdesk.shared.EmailAddress},
 * {@link io.postdesk.shared.NotFoundException}, {@link io.postdesk.shared.InvalidInputException}. No Spring, no I/O.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package io.postdesk.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
