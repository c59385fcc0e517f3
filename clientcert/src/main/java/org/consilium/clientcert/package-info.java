/**
 * Smart-card sign-in pieces that Elytron does not have, installed as the WildFly module
 * {@code org.consilium.clientcert} (server/src/main/cli/35-client-certificates.cli wires
 * them; docs/security.md, "Signing in with a smart card"):
 * <ul>
 *   <li>{@link org.consilium.clientcert.PemCertificatesProvider}: a key store type {@code PEM}
 *       reading the hospital's client CAs from the PEM file hospital PKIs hand out, for the
 *       TLS context's trust manager;</li>
 *   <li>{@link org.consilium.clientcert.CertificateNameDecoder}: the account name in a
 *       certificate, from the AD user principal name (a subjectAltName otherName, which
 *       Elytron's decoders cannot read), the e-mail address or the common name, in a
 *       configured order;</li>
 *   <li>{@link org.consilium.clientcert.FallThroughClientCertMechanismFactory}: Elytron's own
 *       CLIENT_CERT mechanism, except that a certificate it refuses leaves the request to
 *       the password form, as if there had been no certificate.</li>
 * </ul>
 * Plain Java over the JDK and Elytron's API; the certificate itself is validated by the TLS
 * context (chain to the hospital CA, validity dates, CRL when configured), never here.
 */
package org.consilium.clientcert;
