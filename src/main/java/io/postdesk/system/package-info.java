/**
 * Wiring only: the clock, the password encoder, the security filter chains (bearer tokens
 * for the API, problem-detail answers for 401 and 403), a health check that queries the database
 * and the housekeeping of the embedded H2 file. No business rules live here.
 */
@ApplicationModule(allowedDependencies = {"shared", "staff", "limits"})
@NullMarked
package io.postdesk.system;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
