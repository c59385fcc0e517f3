package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.consilium.application.CurrentStaff;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;

/** What every console page shows: who is signed in, in which role, and which pages they may open. */
@Named("console")
@RequestScoped
public class ConsolePage {

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private StaffIdentity identity;

    private StaffIdentity identity() {
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

    public boolean isAdmin() {
        return identity().has(Role.ADMIN);
    }

    /** {@code page} for the link to the page being shown (aria-current), else null. */
    public String current(String path) {
        String shown = request.getRequestURI().substring(request.getContextPath().length());
        return shown.equals(path) || (path.equals("/admin/index.xhtml") && shown.equals("/admin/")) ? "page" : null;
    }
}
