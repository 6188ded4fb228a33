/**
 * Staff members (admins and agents), their passwords and API tokens. {@link io.postdesk.staff.StaffDirectory} is the
 * lookup and command API; {@link io.postdesk.staff.ApiTokens} issues and checks bearer tokens (stored only as hashes).
 * The first admin and the provisioning token come from {@code postdesk.bootstrap.*}.
 */
@ApplicationModule(allowedDependencies = "shared")
@NullMarked
package io.postdesk.staff;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
