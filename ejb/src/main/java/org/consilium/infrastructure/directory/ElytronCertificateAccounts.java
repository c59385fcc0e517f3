package org.consilium.infrastructure.directory;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.CertificateAccounts;
import org.consilium.application.CertificateRefusal;
import org.consilium.application.CertificateRefusal.Reason;
import org.consilium.domain.Username;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.ServerAuthenticationContext;
import org.wildfly.security.evidence.X509PeerCertificateChainEvidence;

/**
 * Asks the server's security domain what a sign-in with this certificate would find: its
 * evidence decoder (the module org.consilium.clientcert's, 35-client-certificates.cli) names
 * the account, the ldap-realm says whether it exists, the domain whether it may sign in.
 * The authentication context is dropped afterwards: nobody signs in through it.
 */
@ApplicationScoped
public class ElytronCertificateAccounts implements CertificateAccounts {

    private static final Logger LOG = Logger.getLogger(ElytronCertificateAccounts.class.getName());

    @Override
    public CertificateRefusal whyRefused(List<X509Certificate> chain) {
        SecurityDomain domain = SecurityDomain.getCurrent();
        if (domain == null || chain.isEmpty()) {
            return new CertificateRefusal(Optional.empty(), Reason.NO_ACCOUNT_NAME);
        }
        ServerAuthenticationContext context = domain.createNewAuthenticationContext();
        Optional<Username> account = Optional.empty();
        try {
            X509PeerCertificateChainEvidence evidence =
                    new X509PeerCertificateChainEvidence(chain.toArray(X509Certificate[]::new));
            context.setDecodedEvidencePrincipal(evidence); // the domain's evidence decoder, as at sign-in
            Principal named = evidence.getDecodedPrincipal();
            if (named == null || named.getName() == null || named.getName().isBlank()) {
                return new CertificateRefusal(account, Reason.NO_ACCOUNT_NAME);
            }
            account = Optional.of(new Username(named.getName()));
            context.setAuthenticationPrincipal(named);
            if (!context.exists()) {
                return new CertificateRefusal(account, Reason.NOT_IN_DIRECTORY);
            }
            // Only where the directory must hold the card's certificate can the realm verify one.
            if (context.getEvidenceVerifySupport(X509PeerCertificateChainEvidence.class).mayBeSupported()
                    && !context.verifyEvidence(evidence)) {
                return new CertificateRefusal(account, Reason.NOT_THE_DIRECTORYS_CERTIFICATE);
            }
            return new CertificateRefusal(account, context.authorize() ? Reason.NOT_ACCEPTED_THEN : Reason.NOT_ALLOWED);
        } catch (RealmUnavailableException unavailable) {
            return new CertificateRefusal(account, Reason.DIRECTORY_UNAVAILABLE);
        } catch (Exception unforeseen) {
            LOG.log(Level.WARNING, "Could not tell why a client certificate was refused", unforeseen);
            return new CertificateRefusal(account, Reason.NOT_ACCEPTED_THEN);
        } finally {
            try {
                context.fail(); // nobody signs in through this context
            } catch (RuntimeException alreadyDone) {
                // an authorised context may refuse; nothing was established either way
            }
        }
    }
}
