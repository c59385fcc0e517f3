package org.consilium.videobridge.srtp;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * The AES implementations jitsi-srtp can use, and the one the bridge pins.
 *
 * <p>Left alone, jitsi-srtp times OpenSSL, SunJCE and BouncyCastle at the first use of each
 * cipher mode and keeps the fastest for the life of the JVM. On a busy host the winner
 * changes from run to run, and the three do not behave alike: SunJCE and BouncyCastle
 * refuse to GCM-encrypt with the key and nonce they used last (answering a NACK without
 * RTX for the last packet sent does exactly that), OpenSSL does not. So the bridge chooses, once, before its first
 * SRTP context: OpenSSL when jitsi-srtp's native library loads here (it is also the
 * fastest, docs/performance.md), else SunJCE.
 */
public enum AesImplementation {
    OPENSSL("OpenSSL"),
    SUN_JCE("SunJCE"),
    /** On the classpath with BouncyCastle DTLS, so jitsi-srtp's benchmark may pick it; the bridge never does. */
    BOUNCY_CASTLE("BouncyCastle");

    private static AesImplementation pinned;

    /** jitsi-srtp's short name of the implementation's cipher factory ({@code Aes$<name>CipherFactory}). */
    private final String factoryName;

    AesImplementation(String factoryName) {
        this.factoryName = factoryName;
    }

    /** OpenSSL if jitsi-srtp's native library loaded on this host (it needs libcrypto 3 or 1.1), else SunJCE. */
    public static AesImplementation forThisHost() {
        return JitsiOpenSslProvider.isLoaded() ? OPENSSL : SUN_JCE;
    }

    /** Pins {@link #forThisHost()} unless something is pinned already; before any SRTP context is made. */
    static synchronized AesImplementation pinOnce() {
        if (pinned == null) {
            forThisHost().pin();
        }
        return pinned;
    }

    /**
     * Makes jitsi-srtp use this implementation for each cipher mode it has not used yet in
     * this JVM: a mode it has used keeps its first implementation.
     */
    void pin() {
        synchronized (AesImplementation.class) {
            Aes.setFactoryClassName(factoryName);
            pinned = this;
        }
    }
}
