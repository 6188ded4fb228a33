/**
 * Wiring only: the clock, the password encoder and the security filter chains (bearer tokens
 * for the API, problem-detail answers for 401 and 403), and a health check that queries the database. No business rules live here.
 */
@ApplicationModule(allowedDependencies = {"shared", "staff"})
@NullMarked
package io.postdesk.system;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
