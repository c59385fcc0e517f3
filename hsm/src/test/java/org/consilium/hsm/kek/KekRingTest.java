package org.consilium.hsm.kek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.KeyAttributes;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenConfig;
import org.consilium.hsm.token.TokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KEK versions in a real SoftHSM2 token. */
class KekRingTest {

    private Token token;
    private KeyLabels labels;

    @BeforeEach
    void login() {
        token = SoftHsm.login();
        labels = SoftHsm.freshLabels();
    }

    @AfterEach
    void logout() {
        token.close();
    }

    @Test
    void version1IsCreatedWhenAbsentAndFoundAfterwards() {
        assertFalse(token.labels().contains(labels.kek(1)));
        KekRing ring = KekRing.openOrCreate(token, labels);
        assertEquals(1, ring.current().version());
        assertTrue(token.labels().contains(labels.kek(1)));

        Set<String> before = token.labels();
        KekRing again = KekRing.openOrCreate(token, labels);
        assertEquals(sorted(1), again.versions());
        assertEquals(before, token.labels(), "nothing created the second time");
    }

    /**
     * What SunPKCS11 lets us observe: no encoded value, the key described as "sensitive,
     * unextractable", and the token refusing C_WrapKey on it (CKR_KEY_UNEXTRACTABLE) where
     * it wraps an extractable key of the same type with the same mechanism.
     */
    @Test
    void theKekCannotLeaveTheToken() throws Exception {
        Key kek = KekRing.openOrCreate(token, labels).current().key();
        assertNull(kek.getEncoded());
        assertNull(kek.getFormat());
        assertTrue(KeyAttributes.isSealed(kek), String.valueOf(kek));

        Cipher rsaWrap = Cipher.getInstance("RSA/ECB/PKCS1Padding", token.provider());
        rsaWrap.init(Cipher.WRAP_MODE, rsaKeyPair(token.provider()).getPublic());
        Exception refused = assertThrows(Exception.class, () -> rsaWrap.wrap(kek));
        assertTrue(causes(refused).contains("CKR_KEY_UNEXTRACTABLE"), causes(refused));

        // Control: the same wrap works on a key the token may export, so the refusal is the attribute's doing.
        Provider exporting = Security.getProvider("SunPKCS11").configure("--name = exporting\n"
                + "library = " + SoftHsm.config().library() + "\n" + SoftHsm.config().slot().configLine() + "\n"
                + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n CKA_SENSITIVE = false\n CKA_EXTRACTABLE = true\n}\n");
        KeyGenerator generator = KeyGenerator.getInstance("AES", exporting);
        generator.init(256);
        SecretKey extractable = generator.generateKey();
        Cipher controlWrap = Cipher.getInstance("RSA/ECB/PKCS1Padding", exporting);
        controlWrap.init(Cipher.WRAP_MODE, rsaKeyPair(exporting).getPublic());
        assertEquals(256, controlWrap.wrap(extractable).length);
        assertFalse(KeyAttributes.isSealed(extractable));
    }

    @Test
    void rotationAddsANewCurrentVersionAndKeepsTheOld() {
        KekRing ring = KekRing.openOrCreate(token, labels);
        Kek v2 = ring.rotate();
        assertEquals(2, v2.version());
        assertEquals(2, ring.current().version());
        assertEquals(sorted(1, 2), ring.versions());
        assertTrue(ring.version(1).isPresent());
        assertTrue(KeyAttributes.isSealed(v2.key()));
    }

    @Test
    void theCurrentVersionCannotBeDestroyedAnOldOneCan() {
        KekRing ring = KekRing.openOrCreate(token, labels);
        assertThrows(IllegalStateException.class, () -> ring.destroy(1));
        ring.rotate();
        ring.destroy(1);
        assertEquals(sorted(2), ring.versions());
        assertFalse(token.labels().contains(labels.kek(1)));
        assertTrue(ring.version(1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ring.destroy(1));
        assertEquals(3, ring.rotate().version(), "version numbers are never reused");
    }

    @Test
    void aVersionCreatedThroughAnotherProviderIsFound() {
        KekRing ring = KekRing.openOrCreate(token, labels);
        // Another provider instance stands in for another appliance on the same token. Not
        // closed: its logout would log this whole process out (see Token).
        Token other = SoftHsm.login();
        KekRing.openOrCreate(other, labels).rotate();

        assertTrue(ring.version(2).isPresent(), "a ring looks at the token again for a version it has not seen");
        assertEquals(2, ring.current().version());
    }

    /** What the rewrap job relies on: another appliance's rotation and destruction are seen on refresh. */
    @Test
    void refreshSeesAnotherAppliancesRotationAndDestruction() {
        KekRing ring = KekRing.openOrCreate(token, labels);
        Token other = SoftHsm.login(); // not closed, as above
        KekRing elsewhere = KekRing.openOrCreate(other, labels);
        elsewhere.rotate();
        assertEquals(1, ring.current().version(), "current() does not look at the token");

        assertEquals(2, ring.refresh().version());
        elsewhere.destroy(1);
        ring.refresh();
        assertEquals(sorted(2), ring.versions());
    }

    @Test
    void aProviderWithoutConsiliumsTemplatesIsRefused() throws Exception {
        TokenConfig config = SoftHsm.config();
        Provider bare = Security.getProvider("SunPKCS11").configure("--name = bare\nlibrary = " + config.library()
                + "\n" + config.slot().configLine() + "\n");
        KeyStore keyStore = KeyStore.getInstance("PKCS11", bare);
        keyStore.load(null, SoftHsm.PIN.toCharArray());
        Token bareToken = Token.attach(bare, keyStore);

        TokenException e = assertThrows(TokenException.class, () -> KekRing.openOrCreate(bareToken, labels));
        assertTrue(e.getMessage().contains("sunPkcs11Text"), e.getMessage());
        assertFalse(bareToken.labels().contains(labels.kek(1)), "nothing readable was stored");
    }

    private static KeyPair rsaKeyPair(Provider provider) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append(" / ");
        }
        return all.toString();
    }

    private static SortedSet<Integer> sorted(Integer... versions) {
        return new TreeSet<>(Set.of(versions));
    }
}
