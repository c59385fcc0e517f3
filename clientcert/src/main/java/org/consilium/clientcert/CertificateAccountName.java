package org.consilium.clientcert;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The directory account a certificate names: the first of the configured {@link NameSource}s
 * the certificate has, without its {@code @domain} unless told to keep it (an AD UPN
 * {@code jdoe@hospital.example} is the account {@code jdoe}, which is what people type in
 * the password form). The directory decides whether that account exists.
 */
public final class CertificateAccountName {

    private static final int OTHER_NAME = 0;
    private static final int RFC822_NAME = 1;

    private final List<NameSource> order;
    private final boolean keepDomain;

    public CertificateAccountName(List<NameSource> order, boolean keepDomain) {
        if (order.isEmpty()) {
            throw new IllegalArgumentException("at least one name source");
        }
        this.order = List.copyOf(order);
        this.keepDomain = keepDomain;
    }

    public Optional<String> of(X509Certificate certificate) {
        for (NameSource source : order) {
            Optional<String> name = switch (source) {
                case UPN -> upn(certificate);
                case EMAIL -> email(certificate);
                case CN -> commonName(certificate.getSubjectX500Principal());
            };
            if (name.isPresent()) {
                return name.map(this::account);
            }
        }
        return Optional.empty();
    }

    private String account(String name) {
        int at = name.lastIndexOf('@');
        return keepDomain || at <= 0 ? name : name.substring(0, at);
    }

    private static Optional<String> upn(X509Certificate certificate) {
        for (List<?> altName : altNames(certificate)) {
            if (type(altName) == OTHER_NAME && altName.get(1) instanceof byte[] der) {
                Optional<String> upn = UserPrincipalName.of(der);
                if (upn.isPresent()) {
                    return upn;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> email(X509Certificate certificate) {
        for (List<?> altName : altNames(certificate)) {
            if (type(altName) == RFC822_NAME && altName.get(1) instanceof String email && !email.isBlank()) {
                return Optional.of(email.strip());
            }
        }
        return Optional.empty();
    }

    /** The most specific CN: in RFC 2253 order the first one, which LdapName lists last. */
    static Optional<String> commonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                Rdn rdn = rdns.get(i);
                if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String cn && !cn.isBlank()) {
                    return Optional.of(cn.strip());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException malformed) {
            return Optional.empty();
        }
    }

    private static Collection<List<?>> altNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException malformed) {
            return List.of();
        }
    }

    private static int type(List<?> altName) {
        return altName.size() == 2 && altName.get(0) instanceof Integer type ? type : -1;
    }
}
