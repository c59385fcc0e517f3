package org.consilium.application;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The directory as seen from a client certificate (a smart card): which account it names
 * and, when the server did not sign its holder in, why. The server's security domain
 * decides sign-ins; this asks it the same questions again, afterwards, for the audit trail.
 */
public interface CertificateAccounts {

    /** Why a certificate that the TLS context accepted did not sign anyone in. */
    CertificateRefusal whyRefused(List<X509Certificate> chain);
}
