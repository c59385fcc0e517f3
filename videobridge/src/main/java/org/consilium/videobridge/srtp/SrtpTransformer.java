package org.consilium.videobridge.srtp;

import java.security.GeneralSecurityException;
import org.consilium.videobridge.dtls.SrtpKeys;
import org.consilium.videobridge.dtls.SrtpProfile;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.SsrcMap;
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

    static {
        // Before the first context: jitsi-srtp keeps its first AES choice for the JVM's life.
        AesImplementation.pinOnce();
    }

    /** What SRTCP appends besides the tag: the E flag and SRTCP index (RFC 3711 §3.4). */
    private static final int SRTCP_INDEX_LENGTH = 4;

    private final SrtpContextFactory decryptFactory;
    private final SrtpContextFactory encryptFactory;
    private final int tagLength;
    // Per-SSRC contexts, derived on first use. Read per packet without a lock or boxing;
    // a new SSRC (rare) copies the map under this object's lock (SsrcMap's thread rule).
    private volatile SsrcMap<SrtpCryptoContext> decryptRtp = SsrcMap.empty();
    private volatile SsrcMap<SrtpCryptoContext> encryptRtp = SsrcMap.empty();
    private volatile SsrcMap<SrtcpCryptoContext> decryptRtcp = SsrcMap.empty();
    private volatile SsrcMap<SrtcpCryptoContext> encryptRtcp = SsrcMap.empty();

    private SrtpTransformer(SrtpProfile profile, byte[] decryptKey, byte[] decryptSalt, byte[] encryptKey, byte[] encryptSalt) {
        SrtpPolicy policy = policy(profile);
        this.tagLength = policy.getAuthTagLength();
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
        // without RTX re-sends the original packet (the same bytes: Endpoint, SentPackets).
        policy.setSendReplayEnabled(false);
        return policy;
    }

    public SrtpOutcome decryptRtp(MediaPacket packet) {
        if (packet.getLength() < 12) {
            return SrtpOutcome.MALFORMED;
        }
        try {
            return outcome(rtpContext(false, packet.u32(8)).reverseTransformPacket(packet, false));
        } catch (GeneralSecurityException | RuntimeException failed) {
            return SrtpOutcome.MALFORMED;
        }
    }

    /** Protects the packet in place; anything but {@link SrtpOutcome#OK} means: do not send it. */
    public SrtpOutcome encryptRtp(MediaPacket packet) {
        int protectedLength = packet.getLength() + tagLength;
        try {
            return protectedOrNot(outcome(rtpContext(true, packet.u32(8)).transformPacket(packet)), packet, protectedLength);
        } catch (GeneralSecurityException | RuntimeException failed) {
            return SrtpOutcome.MALFORMED;
        }
    }

    public SrtpOutcome decryptRtcp(MediaPacket packet) {
        if (packet.getLength() < 8) {
            return SrtpOutcome.MALFORMED;
        }
        try {
            return outcome(rtcpContext(false, packet.u32(4)).reverseTransformPacket(packet));
        } catch (GeneralSecurityException | RuntimeException failed) {
            return SrtpOutcome.MALFORMED;
        }
    }

    /** Protects the packet in place; anything but {@link SrtpOutcome#OK} means: do not send it. */
    public SrtpOutcome encryptRtcp(MediaPacket packet) {
        int protectedLength = packet.getLength() + SRTCP_INDEX_LENGTH + tagLength;
        try {
            return protectedOrNot(outcome(rtcpContext(true, packet.u32(4)).transformPacket(packet)), packet, protectedLength);
        } catch (GeneralSecurityException | RuntimeException failed) {
            return SrtpOutcome.MALFORMED;
        }
    }

    private SrtpCryptoContext rtpContext(boolean encrypt, int ssrc) {
        SrtpCryptoContext context = (encrypt ? encryptRtp : decryptRtp).get(ssrc);
        return context != null ? context : newRtpContext(encrypt, ssrc);
    }

    private synchronized SrtpCryptoContext newRtpContext(boolean encrypt, int ssrc) {
        SsrcMap<SrtpCryptoContext> contexts = encrypt ? encryptRtp : decryptRtp;
        SrtpCryptoContext context = contexts.get(ssrc);
        if (context == null) {
            context = derive(encrypt ? encryptFactory : decryptFactory, ssrc);
            if (encrypt) {
                encryptRtp = contexts.with(ssrc, context);
            } else {
                decryptRtp = contexts.with(ssrc, context);
            }
        }
        return context;
    }

    private SrtcpCryptoContext rtcpContext(boolean encrypt, int ssrc) {
        SrtcpCryptoContext context = (encrypt ? encryptRtcp : decryptRtcp).get(ssrc);
        return context != null ? context : newRtcpContext(encrypt, ssrc);
    }

    private synchronized SrtcpCryptoContext newRtcpContext(boolean encrypt, int ssrc) {
        SsrcMap<SrtcpCryptoContext> contexts = encrypt ? encryptRtcp : decryptRtcp;
        SrtcpCryptoContext context = contexts.get(ssrc);
        if (context == null) {
            context = deriveControl(encrypt ? encryptFactory : decryptFactory, ssrc);
            if (encrypt) {
                encryptRtcp = contexts.with(ssrc, context);
            } else {
                decryptRtcp = contexts.with(ssrc, context);
            }
        }
        return context;
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

    /**
     * jitsi-srtp's OK is not enough: its SrtpCryptoContext.transformPacket (1.1-23, and the
     * upstream source as read in 2026-11) drops the status of a failed GCM encryption and
     * returns OK with the packet untouched, in clear text and without a tag. SunJCE and
     * BouncyCastle fail so when asked for the key and nonce they used last (a sequence
     * number encrypted twice in a row, as a NACK answered without RTX for the last packet
     * sent does). Only a packet that grew by its trailer was protected.
     */
    private static SrtpOutcome protectedOrNot(SrtpOutcome outcome, MediaPacket packet, int protectedLength) {
        return outcome == SrtpOutcome.OK && packet.getLength() != protectedLength ? SrtpOutcome.NOT_PROTECTED : outcome;
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
    public synchronized void close() {
        decryptRtp = SsrcMap.empty();
        encryptRtp = SsrcMap.empty();
        decryptRtcp = SsrcMap.empty();
        encryptRtcp = SsrcMap.empty();
        decryptFactory.close();
        encryptFactory.close();
    }
}
