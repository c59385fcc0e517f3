package org.consilium.videobridge.srtp;

import java.lang.reflect.Field;
import java.util.Map;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes jitsi-srtp use one AES implementation from now on, whatever it used before in this
 * JVM, so that one test class can try each. jitsi-srtp keeps its first choice per cipher
 * mode in private statics of {@link Aes} and offers no way to forget it; only reflection
 * can, which is why this lives in the tests and never in the bridge.
 */
final class PinnedAes {

    private PinnedAes() {
    }

    /** Skips the calling test where the implementation cannot run (OpenSSL without jitsi-srtp's native library). */
    static void use(AesImplementation implementation) {
        Assumptions.assumeTrue(implementation != AesImplementation.OPENSSL || JitsiOpenSslProvider.isLoaded(),
                "jitsi-srtp's OpenSSL library did not load on this host");
        synchronized (Aes.class) { // Aes.createCipher's lock
            forgetChoices();
            implementation.pin();
        }
        String provider = Aes.createCipher("AES/GCM/NoPadding").getProvider().getName();
        if (!provider.equals(providerName(implementation))) {
            throw new IllegalStateException("asked for " + implementation + ", jitsi-srtp uses " + provider);
        }
    }

    private static void forgetChoices() {
        try {
            Field fastest = Aes.class.getDeclaredField("fastestFactories");
            fastest.setAccessible(true);
            ((Map<?, ?>) fastest.get(null)).clear();
            Field factories = Aes.class.getDeclaredField("factories");
            factories.setAccessible(true);
            factories.set(null, null);
        } catch (ReflectiveOperationException changed) {
            throw new IllegalStateException("jitsi-srtp's Aes no longer looks as this test expects", changed);
        }
    }

    /** The JCA provider name of the implementation's ciphers. */
    static String providerName(AesImplementation implementation) {
        return switch (implementation) {
            case OPENSSL -> "JitsiOpenSslProvider";
            case SUN_JCE -> "SunJCE";
            case BOUNCY_CASTLE -> "BC";
        };
    }
}
