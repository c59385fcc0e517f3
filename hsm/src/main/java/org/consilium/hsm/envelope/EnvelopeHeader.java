package org.consilium.hsm.envelope;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The 85-byte header at the start of every envelope (layout in package-info). A caller
 * may keep it apart from the chunks (say, in a database row): deleting every copy of the
 * header is enough to shred the object.
 */
public final class EnvelopeHeader {

    public static final int LENGTH = 85;
    public static final int MIN_CHUNK_SIZE = 16;
    public static final int MAX_CHUNK_SIZE = 16 << 20;

    static final int FORMAT_VERSION = 1;
    static final int SALT_LENGTH = 12;
    static final int WRAP_NONCE_LENGTH = 12;
    static final int WRAPPED_KEY_LENGTH = 48;

    private static final byte[] MAGIC = {'C', 'S', 'E', 'V'};
    private static final int VERSION_AT = 4;
    private static final int CHUNK_SIZE_AT = 5;
    private static final int SALT_AT = 9;
    private static final int KEK_VERSION_AT = 21;
    private static final int WRAP_NONCE_AT = 25;
    private static final int WRAPPED_KEY_AT = 37;

    /** Header bytes every chunk authenticates: which object this is (not which KEK wraps its key). */
    static final int OBJECT_PART_LENGTH = KEK_VERSION_AT;
    /** Header bytes the wrapped data key authenticates: the object part and the KEK version. */
    static final int WRAP_AAD_LENGTH = WRAP_NONCE_AT;

    private final byte[] bytes;

    private EnvelopeHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The first 25 bytes of a new header: what the data key's wrap authenticates. */
    static byte[] wrapAad(int chunkSize, byte[] salt, int kekVersion) {
        return ByteBuffer.allocate(WRAP_AAD_LENGTH)
                .put(MAGIC).put((byte) FORMAT_VERSION).putInt(chunkSize).put(salt).putInt(kekVersion)
                .array();
    }

    static EnvelopeHeader assemble(byte[] wrapAad, byte[] wrapNonce, byte[] wrappedKey) {
        return new EnvelopeHeader(ByteBuffer.allocate(LENGTH).put(wrapAad).put(wrapNonce).put(wrappedKey).array());
    }

    /**
     * Reads a header from the start of {@code data} (an envelope, or at least its first
     * {@link #LENGTH} bytes). Checks the structure only; nothing is authenticated before
     * the data key is unwrapped.
     */
    public static EnvelopeHeader parse(byte[] data) throws EnvelopeException {
        if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MalformedEnvelopeException("not a Consilium envelope (no CSEV magic)");
        }
        if (data.length <= VERSION_AT) {
            throw new TamperedDataException("truncated: the envelope ends inside its header");
        }
        int formatVersion = data[VERSION_AT] & 0xff;
        if (formatVersion != FORMAT_VERSION) {
            throw new MalformedEnvelopeException("unsupported envelope format version " + formatVersion);
        }
        if (data.length < LENGTH) {
            throw new TamperedDataException("truncated: the envelope ends inside its header");
        }
        EnvelopeHeader header = new EnvelopeHeader(Arrays.copyOf(data, LENGTH));
        int chunkSize = header.chunkSize();
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new MalformedEnvelopeException("chunk size out of range: " + Integer.toUnsignedString(chunkSize));
        }
        if (header.kekVersion() < 1) {
            throw new MalformedEnvelopeException("KEK version out of range: " + Integer.toUnsignedString(header.kekVersion()));
        }
        return header;
    }

    public int chunkSize() {
        return ByteBuffer.wrap(bytes).getInt(CHUNK_SIZE_AT);
    }

    /** The KEK version that wraps this object's data key (to find objects still on an old version). */
    public int kekVersion() {
        return ByteBuffer.wrap(bytes).getInt(KEK_VERSION_AT);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    byte[] salt() {
        return Arrays.copyOfRange(bytes, SALT_AT, SALT_AT + SALT_LENGTH);
    }

    byte[] wrapNonce() {
        return Arrays.copyOfRange(bytes, WRAP_NONCE_AT, WRAP_NONCE_AT + WRAP_NONCE_LENGTH);
    }

    byte[] wrappedKey() {
        return Arrays.copyOfRange(bytes, WRAPPED_KEY_AT, WRAPPED_KEY_AT + WRAPPED_KEY_LENGTH);
    }

    /** The header's own bytes, not a copy: for the AAD computations of this package. */
    byte[] bytes() {
        return bytes;
    }
}
