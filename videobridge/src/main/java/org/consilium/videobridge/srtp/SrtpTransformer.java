package org.consilium.videobridge.srtp;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.consilium.videobridge.dtls.SrtpKeys;
import org.consilium.videobridge.dtls.SrtpProfile;
import org.consilium.videobridge.packet.MediaPacket;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * One endpoint's SRTP: a context per SSRC and direction, derived on first use. The
 * {@code forBridge} factory keys it as the DTLS server (decrypt with the client's keys,
 * encrypt with the server's); {@code forBrowser} is the mirror image, for tests and load
 * generators that play the browser.
 */
public final class SrtpTransformer implements AutoCloseable {

    private static final Logger LOGGER = new LoggerImpl(SrtpTransformer.class.getName());

    private final SrtpContextFactory decryptFactory;
    private final SrtpContextFactory encryptFactory;
    private final Map<Integer, SrtpCryptoContext> decryptRtp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtpCryptoContext> encryptRtp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> decryptRtcp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> encryptRtcp = new ConcurrentHashMap<>();

    private SrtpTransformer(SrtpProfile profile, byte[] decryptKey, byte[] decryptSalt, byte[] encryptKey, byte[] encryptSalt) {
        SrtpPolicy policy = policy(profile);
        this.decryptFactory = new SrtpContextFactory(false, decryptKey, decryptSalt, policy, policy, LOGGER);
        this.encryptFactory = new SrtpContextFactory(true, encryptKey, encryptSalt, policy, policy, LOGGER);
    }

    /** The bridge is the DTLS server: it receives what the client (browser) protected. */
    public static SrtpTransformer forBridge(SrtpKeys keys) {
        return new SrtpTransformer(keys.profile(), keys.clientKey(), keys.clientSalt(), keys.serverKey(), keys.serverSalt());
    }

    /** The DTLS client's view of the same keys. */
    public static SrtpTransformer forBrowser(SrtpKeys keys) {
        return new SrtpTransformer(keys.profile(), keys.serverKey(), keys.serverSalt(), keys.clientKey(), keys.clientSalt());
    }

    static SrtpPolicy policy(SrtpProfile profile) {
        SrtpPolicy policy = switch (profile) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16,
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
        };
        policy.setReceiveReplayEnabled(true);
        // Sending a sequence number twice is legitimate for a bridge: answering a NACK
        // without RTX re-sends the original packet.
        policy.setSendReplayEnabled(false);
        return policy;
    }

    public SrtpOutcome decryptRtp(MediaPacket packet) {
        if (packet.getLength() < 12) {
            return SrtpOutcome.MALFORMED;
        }
        return transform(decryptRtp, packet.u32(8), ssrc -> derive(decryptFactory, ssrc),
                context -> context.reverseTransformPacket(packet, false));
    }

    public SrtpOutcome encryptRtp(MediaPacket packet) {
        return transform(encryptRtp, packet.u32(8), ssrc -> derive(encryptFactory, ssrc),
                context -> context.transformPacket(packet));
    }

    public SrtpOutcome decryptRtcp(MediaPacket packet) {
        if (packet.getLength() < 8) {
            return SrtpOutcome.MALFORMED;
        }
        return transform(decryptRtcp, packet.u32(4), ssrc -> deriveControl(decryptFactory, ssrc),
                context -> context.reverseTransformPacket(packet));
    }

    public SrtpOutcome encryptRtcp(MediaPacket packet) {
        return transform(encryptRtcp, packet.u32(4), ssrc -> deriveControl(encryptFactory, ssrc),
                context -> context.transformPacket(packet));
    }

    /** One transform of jitsi-srtp on a context. */
    @FunctionalInterface
    private interface Transform<C> {
        SrtpErrorStatus apply(C context) throws GeneralSecurityException;
    }

    /** Finds (or derives) the SSRC's context and applies the transform; no exception escapes. */
    private static <C> SrtpOutcome transform(Map<Integer, C> contexts, int ssrc, IntFunction<C> derive,
                                             Transform<C> transform) {
        try {
            return outcome(transform.apply(contexts.computeIfAbsent(ssrc, derive::apply)));
        } catch (GeneralSecurityException | RuntimeException failed) {
            return SrtpOutcome.MALFORMED;
        }
    }

    private static SrtpCryptoContext derive(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveContext(ssrc, 0);
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("SRTP context derivation failed", failed);
        }
    }

    private static SrtcpCryptoContext deriveControl(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveControlContext(ssrc);
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("SRTCP context derivation failed", failed);
        }
    }

    private static SrtpOutcome outcome(SrtpErrorStatus status) {
        return switch (status) {
            case OK -> SrtpOutcome.OK;
            case AUTH_FAIL -> SrtpOutcome.AUTHENTICATION_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> SrtpOutcome.REPLAYED;
            default -> SrtpOutcome.MALFORMED;
        };
    }

    @Override
    public void close() {
        decryptRtp.clear();
        encryptRtp.clear();
        decryptRtcp.clear();
        encryptRtcp.clear();
        decryptFactory.close();
        encryptFactory.close();
    }
}
