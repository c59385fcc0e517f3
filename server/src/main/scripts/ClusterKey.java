import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Writes the cluster's TLS key material for JGroups' TCP transport (60-cluster.cli): a PKCS12
 * file holding an EC P-256 key pair and a self-signed certificate, both derived from the
 * cluster secret with HKDF-SHA256, so every appliance given the same secret holds the same
 * key and certificate, byte for byte, and no key ever travels between appliances. The
 * cluster's TLS is mutual and trusts exactly this certificate: only a node that knows the
 * secret completes a handshake; the secret itself also authenticates joins (JGroups AUTH).
 *
 * <p>Entries (JDK PKCS12, every one under the file's password):
 * <ul>
 * <li>{@value #KEY_ALIAS}: the private key and its certificate (the key manager's);
 * <li>{@value #TRUSTED_ALIAS}: the same certificate as a trusted entry (the trust manager's).
 * </ul>
 * The certificate's fields are fixed (serial 1, subject and issuer {@code CN=consilium
 * cluster}, valid 2026-01-01 to 2100-01-01, key usage digitalSignature, extended key usage
 * serverAuth and clientAuth) and its ECDSA signature is deterministic (RFC 6979,
 * HMAC-SHA256 nonces), so the DER is a function of the secret alone.
 *
 * <p>{@code ClusterKey FILE} reads the cluster secret, then the PKCS12 password, from standard
 * input (never from the command line). {@code ClusterKey --check FILE} exits 0 when FILE holds
 * this version's entries (no password needed: only the entries' names are read), else 1; an
 * older file (the AES key of the former SYM_ENCRYPT) is then derived again by its caller.
 * Run as a single-file program with the BouncyCastle provider jar from the server's modules:
 * {@code java -cp "<bouncycastle>/bcprov/main/*" ClusterKey.java cluster.p12}.
 */
public class ClusterKey {

    static final String KEY_ALIAS = "jgroups-tls";
    static final String TRUSTED_ALIAS = "jgroups-tls-trusted";
    private static final byte[] SALT = "consilium cluster".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "jgroups TLS EC P-256 key v1".getBytes(StandardCharsets.US_ASCII);
    private static final String SUBJECT = "CN=consilium cluster";

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--check")) {
            System.exit(current(Path.of(args[1])) ? 0 : 1);
        }
        if (args.length != 1 || args[0].startsWith("--")) {
            System.err.println("usage: ClusterKey FILE (cluster secret, then the file's password, on standard input)"
                    + " | ClusterKey --check FILE");
            System.exit(2);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String secret = in.readLine();
        String password = in.readLine();
        if (secret == null || secret.isBlank() || password == null || password.isBlank()) {
            System.err.println("ClusterKey: expected the cluster secret and the file's password on standard input");
            System.exit(1);
        }

        // the private key: a scalar in [1, n-1] from 40 bytes of HKDF output (FIPS 186-5
        // A.2.1's "extra random bits" method: the bias is under 2^-64)
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret.strip().getBytes(StandardCharsets.UTF_8), SALT, INFO));
        byte[] seed = new byte[40];
        hkdf.generateBytes(seed, 0, seed.length);
        BigInteger n = curve.getN();
        BigInteger d = new BigInteger(1, seed).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(d).normalize();

        // as JDK keys, so the PKCS12 file is the JDK's own and JSSE uses them as its own
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        KeyFactory keys = KeyFactory.getInstance("EC");
        PrivateKey privateKey = keys.generatePrivate(new ECPrivateKeySpec(d, spec));
        PublicKey publicKey = keys.generatePublic(new ECPublicKeySpec(
                new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), spec));

        X509Certificate certificate = certificate(publicKey, new ECPrivateKeyParameters(d, domain));
        certificate.verify(publicKey); // the signature checked by the JDK, not only by its maker

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password.toCharArray());
        store.setEntry(KEY_ALIAS, new KeyStore.PrivateKeyEntry(privateKey, new Certificate[] {certificate}), protection);
        store.setEntry(TRUSTED_ALIAS, new KeyStore.TrustedCertificateEntry(certificate), null);
        Path file = Path.of(args[0]);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
            store.store(out, password.toCharArray());
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The self-signed certificate of {@code publicKey}: fixed fields, an RFC 6979 ECDSA signature. */
    private static X509Certificate certificate(PublicKey publicKey, ECPrivateKeyParameters signingKey) throws Exception {
        AlgorithmIdentifier ecdsaWithSha256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        X500Name name = new X500Name(SUBJECT);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(1));
        tbs.setSignature(ecdsaWithSha256);
        tbs.setIssuer(name);
        tbs.setSubject(name);
        // RFC 5280: UTCTime until 2049, GeneralizedTime from 2050
        tbs.setStartDate(new Time(new ASN1UTCTime("260101000000Z")));
        tbs.setEndDate(new Time(new ASN1GeneralizedTime("21000101000000Z")));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()));
        tbs.setExtensions(new Extensions(new Extension[] {
            new Extension(Extension.basicConstraints, true, new BasicConstraints(false).getEncoded(ASN1Encoding.DER)),
            new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature).getEncoded(ASN1Encoding.DER)),
            new Extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}).getEncoded(ASN1Encoding.DER)),
        }));
        TBSCertificate toBeSigned = tbs.generateTBSCertificate();

        SHA256Digest sha256 = new SHA256Digest();
        byte[] encoded = toBeSigned.getEncoded(ASN1Encoding.DER);
        sha256.update(encoded, 0, encoded.length);
        byte[] hash = new byte[sha256.getDigestSize()];
        sha256.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, signingKey);
        BigInteger[] rs = signer.generateSignature(hash);
        ASN1EncodableVector rAndS = new ASN1EncodableVector();
        rAndS.add(new ASN1Integer(rs[0]));
        rAndS.add(new ASN1Integer(rs[1]));
        byte[] signature = new DERSequence(rAndS).getEncoded(ASN1Encoding.DER);

        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(toBeSigned);
        certificate.add(ecdsaWithSha256);
        certificate.add(new DERBitString(signature));
        try (InputStream der = new ByteArrayInputStream(new DERSequence(certificate).getEncoded(ASN1Encoding.DER))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(der);
        }
    }

    /** Whether {@code file} holds this version's entries (read without its password: names only). */
    private static boolean current(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, null);
            return store.isKeyEntry(KEY_ALIAS);
        } catch (Exception unreadable) {
            return false;
        }
    }
}
