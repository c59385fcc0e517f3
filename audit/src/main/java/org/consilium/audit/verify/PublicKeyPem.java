package org.consilium.audit.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the appliance's audit signing key: PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo, RFC 7468), EC P-256. */
public final class PublicKeyPem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String PUBLIC_KEY = "PUBLIC KEY";

    private PublicKeyPem() {
    }

    /** @throws IOException if the file cannot be read; IllegalArgumentException if it holds no P-256 public key */
    public static ECPublicKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    public static ECPublicKey parse(String pem) {
        Matcher block = BLOCK.matcher(pem);
        String found = null;
        while (block.find()) {
            if (PUBLIC_KEY.equals(block.group(1))) {
                return decode(block.group(2));
            }
            found = found == null ? block.group(1) : found;
        }
        throw new IllegalArgumentException(found == null
                ? "no PEM block found (expected -----BEGIN PUBLIC KEY-----)"
                : "found a PEM \"" + found + "\" block, expected \"PUBLIC KEY\" (X.509 SubjectPublicKeyInfo)");
    }

    private static ECPublicKey decode(String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.replaceAll("[ \\t\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PUBLIC KEY block is not valid base64");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the PUBLIC KEY block is not an EC public key");
        }
        if (!(key instanceof ECPublicKey ecKey) || !isP256(ecKey.getParams())) {
            throw new IllegalArgumentException("the public key is not on curve P-256 (secp256r1)");
        }
        return ecKey;
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
            return params.getCurve().equals(p256.getCurve())
                    && params.getGenerator().equals(p256.getGenerator())
                    && params.getOrder().equals(p256.getOrder())
                    && params.getCofactor() == p256.getCofactor();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime does not know curve P-256", e);
        }
    }
}
