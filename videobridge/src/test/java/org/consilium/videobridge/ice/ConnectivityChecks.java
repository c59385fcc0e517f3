package org.consilium.videobridge.ice;

import java.security.SecureRandom;
import org.consilium.videobridge.stun.StunAttribute;
import org.consilium.videobridge.stun.StunMessage;
import org.consilium.videobridge.stun.StunMessageBuilder;

/** Connectivity checks as a browser (the controlling full agent) sends them. Test helper. */
public final class ConnectivityChecks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectivityChecks() {
    }

    public static byte[] check(IceCredentials bridge, String browserUfrag, boolean useCandidate) {
        return check(bridge.ufrag() + ":" + browserUfrag, bridge.passwordBytes(), useCandidate, true);
    }

    public static byte[] check(String username, byte[] password, boolean useCandidate, boolean fingerprint) {
        byte[] transaction = new byte[12];
        RANDOM.nextBytes(transaction);
        StunMessageBuilder builder = new StunMessageBuilder(StunMessage.BINDING_REQUEST, transaction)
                .text(StunAttribute.USERNAME, username)
                .uint32(StunAttribute.PRIORITY, 1853824767L)
                .uint64(StunAttribute.ICE_CONTROLLING, RANDOM.nextLong());
        if (useCandidate) {
            builder.flag(StunAttribute.USE_CANDIDATE);
        }
        return builder.build(password, fingerprint);
    }
}
