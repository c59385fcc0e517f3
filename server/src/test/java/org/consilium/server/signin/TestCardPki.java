package org.consilium.server.signin;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.consilium.server.support.ServerReload;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;

/**
 * A hospital's smart-card PKI, made for one test run with BouncyCastle: a card CA and the
 * certificates on people's cards, with the names an AD-integrated PKI writes (the user
 * principal name as a subjectAltName otherName, the e-mail address, the CN).
 */
final class TestCardPki {

    /** szOID_NT_PRINCIPAL_NAME: the UPN of AD smart-card logon certificates. */
    private static final String UPN = "1.3.6.1.4.1.311.20.2.3";

    private final KeyPair caKeys = keys();
    private final X500Name caName;
    final X509Certificate ca;

    TestCardPki(String caName) throws Exception {
        this.caName = new X500Name(caName);
        ca = sign(new JcaX509v3CertificateBuilder(this.caName, serial(), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(30))), this.caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
    }

    /** The system property that points the server's key store at the card CAs' PEM file (arquillian.xml). */
    private static final Path CA_FILE = Path.of(System.getProperty("consilium.it.client-ca-file", "target/client-cert/ca.pem"));
    private static TestCardPki hospital;

    /**
     * The hospital's card PKI of this test run, made on first use: its CA goes into the file
     * the server's key store {@code consilium-client-ca} reads, which is then loaded again and
     * its trust manager initialised again, so the running server trusts it (no restart).
     */
    static synchronized TestCardPki trustedByTheServer(ManagementClient management) throws Exception {
        if (hospital == null) {
            TestCardPki pki = new TestCardPki("CN=Consilium Test Card CA,O=Demo Hospital");
            Files.createDirectories(CA_FILE.toAbsolutePath().getParent());
            Files.writeString(CA_FILE, pki.caPem(), StandardCharsets.US_ASCII);
            ServerReload.execute(management, Operations.createOperation("load",
                    Operations.createAddress("subsystem", "elytron", "key-store", "consilium-client-ca")));
            ServerReload.execute(management, Operations.createOperation("init",
                    Operations.createAddress("subsystem", "elytron", "trust-manager", "consilium-client-ca")));
            hospital = pki;
        }
        return hospital;
    }

    /** A revocation list of this CA, current from an hour ago to tomorrow, listing {@code revoked}. */
    String crlPem(SmartCard... revoked) throws Exception {
        Date now = new Date();
        X509v2CRLBuilder crl = new X509v2CRLBuilder(caName, new Date(now.getTime() - 3_600_000L));
        crl.setNextUpdate(new Date(now.getTime() + 86_400_000L));
        for (SmartCard card : revoked) {
            crl.addCRLEntry(card.certificate().getSerialNumber(), new Date(now.getTime() - 60_000L), CRLReason.keyCompromise);
        }
        X509CRL signed = new JcaX509CRLConverter().getCRL(
                crl.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(signed);
        }
        return pem.toString();
    }

    /** A card valid from yesterday to tomorrow; {@code upn} and {@code email} are left out when null. */
    SmartCard card(String subject, String upn, String email) throws Exception {
        return card(subject, upn, email, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    /** A card whose certificate ran out yesterday. */
    SmartCard expiredCard(String subject, String upn, String email) throws Exception {
        return card(subject, upn, email, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
    }

    /** The CA certificate in PEM, as hospital IT hands it to the appliance. */
    String caPem() throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(ca);
        }
        return pem.toString();
    }

    private SmartCard card(String subject, String upn, String email, Instant from, Instant to) throws Exception {
        KeyPair keys = keys();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(from), Date.from(to),
                new X500Name(subject), keys.getPublic())
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        List<GeneralName> altNames = new ArrayList<>();
        if (upn != null) {
            ASN1EncodableVector otherName = new ASN1EncodableVector();
            otherName.add(new ASN1ObjectIdentifier(UPN));
            otherName.add(new DERTaggedObject(true, 0, new DERUTF8String(upn)));
            altNames.add(new GeneralName(GeneralName.otherName, new DERSequence(otherName)));
        }
        if (email != null) {
            altNames.add(new GeneralName(GeneralName.rfc822Name, email));
        }
        if (!altNames.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames.toArray(GeneralName[]::new)));
        }
        return new SmartCard(keys.getPrivate(), sign(builder), ca);
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random 64-bit serials, as real CAs make them (and so every run's cards are new to the server). */
    private static BigInteger serial() {
        return BigInteger.valueOf(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }
}
