package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.CertificateExpiry;
import org.consilium.application.admin.DashboardService;
import org.consilium.application.admin.NodeDrain;
import org.consilium.domain.Role;

/** The dashboard page ({@code /admin/}): one snapshot per request, refreshed by {@code dashboard.js}. */
@Named("dashboard")
@RequestScoped
public class DashboardPage {

    @Inject
    DashboardService service;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    CertificateExpiry certificateExpiry;

    @Inject
    NodeDrain drain;

    @Inject
    HttpServletRequest request;

    private DashboardView view;
    private Optional<CertificateExpiry.Status> certificate;

    public DashboardView getView() {
        if (view == null) {
            view = of(service, currentStaff);
        }
        return view;
    }

    /** The TLS certificate, when it expires within the warning period (Settings). */
    public CertificateExpiry.Status getCertificateWarning() {
        if (certificate == null) {
            certificate = certificateExpiry.status().filter(CertificateExpiry.Status::warn);
        }
        return certificate.orElse(null);
    }

    public boolean isAdmin() {
        return currentStaff.get().map(who -> who.has(Role.ADMIN)).orElse(false);
    }

    /** Drains this node: no new call starts here (calls going on finish); audited. */
    public String drain() {
        drain.drain(ConsoleCaller.of(currentStaff, request));
        return "/admin/index.xhtml?faces-redirect=true";
    }

    /** This node takes new calls again; audited. */
    public String resume() {
        drain.resume(ConsoleCaller.of(currentStaff, request));
        return "/admin/index.xhtml?faces-redirect=true";
    }

    static DashboardView of(DashboardService service, CurrentStaff currentStaff) {
        boolean admin = currentStaff.get().map(who -> who.has(Role.ADMIN)).orElse(false);
        return new DashboardView(service.now(), admin);
    }
}
