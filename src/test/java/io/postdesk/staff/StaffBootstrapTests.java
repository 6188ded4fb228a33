package io.postdesk.staff;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

class StaffBootstrapTests {

    private final StaffDirectory staff = mock(StaffDirectory.class);

    @Test
    void createsNoAdminWhenTheBootstrapPasswordIsWeak() {
        when(staff.count()).thenReturn(0L);

        new StaffBootstrap(staff, new StaffProperties("admin@acme.test", "password1234", "a-provisioning-token"))
                .afterSingletonsInstantiated();

        // Not the admin, and not the provisioning admin either: the operator fixes the password on the same data dir.
        verify(staff, never()).create(anyString(), anyString(), any(), any());
    }

    @Test
    void createsTheAdminWhenTheBootstrapPasswordPassesThePolicy() {
        when(staff.count()).thenReturn(0L);
        when(staff.create("Administrator", "admin@acme.test", StaffRole.ADMIN, "plum kettle rover"))
                .thenReturn(mock(StaffMember.class));

        new StaffBootstrap(staff, new StaffProperties("admin@acme.test", "plum kettle rover", null))
                .afterSingletonsInstantiated();

        verify(staff).create("Administrator", "admin@acme.test", StaffRole.ADMIN, "plum kettle rover");
    }
}
