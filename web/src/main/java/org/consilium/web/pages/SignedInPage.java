package org.consilium.web.pages;

import jakarta.inject.Inject;
import java.util.List;
import org.consilium.application.CurrentStaff;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;

/** What a page for a signed-in staff member knows of them: name, username, roles (read once per request). */
public abstract class SignedInPage {

    @Inject
    CurrentStaff currentStaff;

    private StaffIdentity identity;

    protected StaffIdentity identity() {
        if (identity == null) {
            identity = currentStaff.get().orElseThrow(() -> new IllegalStateException("no signed-in staff member"));
        }
        return identity;
    }

    public String getDisplayName() {
        return identity().displayName();
    }

    public String getUsername() {
        return identity().username().value();
    }

    public List<String> getRoles() {
        return identity().roles().stream().map(Role::roleName).toList();
    }
}
