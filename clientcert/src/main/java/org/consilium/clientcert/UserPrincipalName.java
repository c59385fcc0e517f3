package org.consilium.clientcert;

import java.util.Optional;
import org.wildfly.security.asn1.ASN1;
import org.wildfly.security.asn1.ASN1Exception;
import org.wildfly.security.asn1.DERDecoder;

/**
 * Reads a Microsoft user principal name from a subjectAltName otherName, as the JDK hands it
 * out ({@link java.security.cert.X509Certificate#getSubjectAlternativeNames()}: the DER of
 * {@code OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }}).
 */
final class UserPrincipalName {

    /** szOID_NT_PRINCIPAL_NAME. */
    static final String OID = "1.3.6.1.4.1.311.20.2.3";
    private static final int EXPLICIT_0 = ASN1.CONTEXT_SPECIFIC_MASK | ASN1.CONSTRUCTED_MASK;

    private UserPrincipalName() {
    }

    /** The UPN, if this otherName is one whose value is a UTF8String; anything else is not ours to read. */
    static Optional<String> of(byte[] otherName) {
        try {
            DERDecoder der = new DERDecoder(otherName);
            if (der.peekType() != ASN1.SEQUENCE_TYPE) {
                // some encoders keep the GeneralName's implicit [0] tag on the sequence
                der.decodeImplicit(0);
            }
            der.startSequence();
            if (!OID.equals(der.decodeObjectIdentifier())) {
                return Optional.empty();
            }
            der.startExplicit(0);
            if (der.peekType() == EXPLICIT_0) {
                // the JDK re-encodes the value with its [0] tag kept, so it arrives wrapped twice
                der.startExplicit(0);
            }
            if (der.peekType() != ASN1.UTF8_STRING_TYPE) {
                return Optional.empty();
            }
            String upn = der.decodeUtf8String().strip();
            return upn.isEmpty() ? Optional.empty() : Optional.of(upn);
        } catch (ASN1Exception | IllegalStateException malformed) {
            return Optional.empty();
        }
    }
}
