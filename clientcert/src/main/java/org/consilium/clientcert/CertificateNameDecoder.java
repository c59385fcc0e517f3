package org.consilium.clientcert;

import java.security.Principal;
import java.util.Map;
import org.wildfly.security.auth.principal.NamePrincipal;
import org.wildfly.security.auth.server.EvidenceDecoder;
import org.wildfly.security.evidence.Evidence;
import org.wildfly.security.evidence.X509PeerCertificateChainEvidence;

/**
 * The security domain's evidence decoder: the account name in the first certificate of a
 * client's chain ({@link CertificateAccountName}). Elytron's custom-evidence-decoder,
 * configured with {@code names} (the order of {@link NameSource}s, default
 * {@value NameSource#DEFAULT_ORDER}) and {@code keep-domain} ({@code false}: an
 * {@code @domain} is cut off). Other evidence, and a certificate naming nobody, decode to
 * nothing, so no account is chosen.
 */
public final class CertificateNameDecoder implements EvidenceDecoder {

    private volatile CertificateAccountName names =
            new CertificateAccountName(NameSource.parseOrder(NameSource.DEFAULT_ORDER), false);

    /** Called by Elytron with the resource's {@code configuration} map. */
    public void initialize(Map<String, String> configuration) {
        names = new CertificateAccountName(
                NameSource.parseOrder(configuration.getOrDefault("names", NameSource.DEFAULT_ORDER)),
                Boolean.parseBoolean(configuration.getOrDefault("keep-domain", "false").strip()));
    }

    @Override
    public Principal getPrincipal(Evidence evidence) {
        if (evidence instanceof X509PeerCertificateChainEvidence chain && chain.getPeerCertificateChain().length > 0) {
            return names.of(chain.getFirstCertificate()).map(NamePrincipal::new).orElse(null);
        }
        return null;
    }
}
