package org.consilium.videobridge.dtls;

import java.util.Arrays;

/**
 * The SRTP master keys and salts both sides derived from the DTLS exporter
 * (RFC 5764 §4.2: client key, server key, client salt, server salt).
 */
public final class SrtpKeys {

    private final SrtpProfile profile;
    private final byte[] material;

    /** @param material client key, server key, client salt, server salt, concatenated */
    public SrtpKeys(SrtpProfile profile, byte[] material) {
        if (material.length != 2 * (profile.keyLength() + profile.saltLength())) {
            throw new IllegalArgumentException("keying material of wrong length");
        }
        this.profile = profile;
        this.material = material.clone();
    }

    public SrtpProfile profile() {
        return profile;
    }

    public byte[] clientKey() {
        return slice(0, profile.keyLength());
    }

    public byte[] serverKey() {
        return slice(profile.keyLength(), profile.keyLength());
    }

    public byte[] clientSalt() {
        return slice(2 * profile.keyLength(), profile.saltLength());
    }

    public byte[] serverSalt() {
        return slice(2 * profile.keyLength() + profile.saltLength(), profile.saltLength());
    }

    private byte[] slice(int from, int length) {
        return Arrays.copyOfRange(material, from, from + length);
    }

    @Override
    public String toString() {
        return "SrtpKeys[" + profile + ", <hidden>]";
    }
}
