package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.CertificateAccounts;

/**
 * Audits a refused client certificate (smart card). With client certificates on, the
 * server tries the certificate on every request before the password form; one that the
 * TLS context accepted (a hospital CA's, valid) but that signs nobody in (its account is not
 * in the directory, or it names none) is marked as refused on the request by the server's
 * CLIENT_CERT mechanism ({@link ClientCertificate#refused}), and its holder is shown the
 * sign-in page. Recorded then as a failed sign-in with the account it named and the reason,
 * at most once every few minutes per certificate ({@link RecentRefusals}).
 */
@WebFilter(urlPatterns = "/login.xhtml", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD})
public class RefusedCertificateAudit extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RefusedCertificateAudit.class.getName());

    @Inject
    SecurityAudit audit;

    @Inject
    CertificateAccounts accounts;

    @Inject
    RecentRefusals recent;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getRemoteUser() == null) {
            Optional<ClientCertificate> certificate = ClientCertificate.refused(request);
            if (certificate.isPresent() && recent.firstInAWhile(certificate.get())) {
                try {
                    audit.certificateRefused(request, certificate.get(), accounts.whyRefused(certificate.get().chain()));
                } catch (RuntimeException failed) {
                    LOG.log(Level.SEVERE, "Could not audit a refused client certificate", failed);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
