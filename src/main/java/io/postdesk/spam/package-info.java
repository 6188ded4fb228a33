/**
 * The spam list: exact addresses and whole domains ({@code *@example.com}) whose mail is rejected.
 * {@link io.postdesk.spam.SpamList} is the module's API.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.spam;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
