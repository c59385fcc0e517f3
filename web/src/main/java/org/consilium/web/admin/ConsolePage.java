package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.consilium.domain.Role;
import org.consilium.web.pages.SignedInPage;

/** What every console page shows: who is signed in, in which role, and which pages they may open. */
@Named("console")
@RequestScoped
public class ConsolePage extends SignedInPage {

    @Inject
    HttpServletRequest request;

    public boolean isAdmin() {
        return identity().has(Role.ADMIN);
    }

    /** {@code page} for the link to the page being shown (aria-current), else null. */
    public String current(String path) {
        String shown = request.getRequestURI().substring(request.getContextPath().length());
        return shown.equals(path) || (path.equals("/admin/index.xhtml") && shown.equals("/admin/")) ? "page" : null;
    }
}
