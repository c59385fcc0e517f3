package org.consilium.videobridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.consilium.videobridge.dtls.DtlsDropReason;

/**
 * DTLS datagrams anyone on the path can send with a participant's address as their source,
 * after that participant's handshake: every content type the RFC 7983 demultiplexer passes
 * as DTLS (first byte 20-63) × epoch × length class, plus headers cut short and length
 * fields that lie. Each comes with the reason the bridge must drop it for (the rule of the
 * hardening issue), given the smallest protected record of the session's cipher (AES-GCM:
 * an 8-byte nonce and a 16-byte tag; ChaCha20-Poly1305: the tag). Epoch-0 handshake records, which the bridge must still read for
 * a while after the handshake (the browser repeating its last flight), are not among them.
 */
public final class ForgedDtlsRecords {

    /** A forged datagram and why it must be dropped. */
    public record Forged(String description, byte[] datagram, DtlsDropReason expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static final int[] TYPES = {20, 21, 22, 23, 24, 25, 26, 47, 63};
    private static final int[] EPOCHS = {0, 1, 2, 0xFFFF};

    private ForgedDtlsRecords() {
    }

    /** The whole matrix, with random record contents from {@code seed}, for a session of that cipher. */
    public static List<Forged> all(long seed, int minimumProtectedLength) {
        Random random = new Random(seed);
        int[] bodyLengths = {0, 1, 2, 15, 16, 17, 23, 24, 25, 100, 1000};
        List<Forged> forged = new ArrayList<>();
        // the datagram of the issue: application data, epoch 1, a 2-byte body (15 bytes in all)
        forged.add(new Forged("15-byte application data in epoch 1", record(random, 23, 1, 7, 2), DtlsDropReason.MALFORMED));
        for (int type : TYPES) {
            for (int epoch : EPOCHS) {
                if (epoch == 0 && type == 22) {
                    continue; // the repeated last flight: read by the engine, harmless (see the class comment)
                }
                for (int body : bodyLengths) {
                    forged.add(new Forged("type " + type + ", epoch " + epoch + ", " + body + "-byte body",
                            record(random, type, epoch, random.nextInt(1 << 20), body), expected(type, epoch, body, minimumProtectedLength)));
                }
            }
        }
        for (int cut = 1; cut < 13; cut++) {
            byte[] whole = record(random, 23, 1, 9, 40);
            forged.add(new Forged("a header cut to " + cut + " bytes", java.util.Arrays.copyOf(whole, cut),
                    DtlsDropReason.MALFORMED));
        }
        byte[] longer = record(random, 23, 1, 10, 40);
        longer[12] = 41; // says one byte more than the datagram has
        forged.add(new Forged("a length one more than the datagram holds", longer, DtlsDropReason.MALFORMED));
        byte[] shorter = record(random, 23, 1, 11, 40);
        shorter[12] = 39; // one byte left over: a second record of one byte
        forged.add(new Forged("a length one less than the datagram holds", shorter, DtlsDropReason.MALFORMED));
        byte[] twoRecords = concat(record(random, 23, 1, 12, 40), record(random, 23, 1, 13, 2));
        forged.add(new Forged("a good-looking record followed by a 2-byte one", twoRecords, DtlsDropReason.MALFORMED));
        byte[] oldVersion = record(random, 23, 1, 14, 40);
        oldVersion[1] = 3; // TLS, not DTLS
        oldVersion[2] = 3;
        forged.add(new Forged("a TLS version on a DTLS record", oldVersion, DtlsDropReason.MALFORMED));
        forged.add(new Forged("a datagram larger than any record the session takes", record(random, 23, 1, 15, 3000),
                DtlsDropReason.MALFORMED));
        return forged;
    }

    private static DtlsDropReason expected(int type, int epoch, int body, int minimumProtectedLength) {
        if (type < 20 || type > 23) {
            return DtlsDropReason.MALFORMED; // heartbeat and connection-id records were not negotiated
        }
        if (epoch != 1) {
            return DtlsDropReason.WRONG_EPOCH;
        }
        return body < minimumProtectedLength ? DtlsDropReason.MALFORMED : DtlsDropReason.NOT_AUTHENTICATED;
    }

    /** One DTLS 1.2 record with random contents. */
    public static byte[] record(Random random, int type, int epoch, long sequence, int bodyLength) {
        byte[] record = new byte[13 + bodyLength];
        random.nextBytes(record);
        record[0] = (byte) type;
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        record[3] = (byte) (epoch >>> 8);
        record[4] = (byte) epoch;
        for (int i = 0; i < 6; i++) {
            record[5 + i] = (byte) (sequence >>> (8 * (5 - i)));
        }
        record[11] = (byte) (bodyLength >>> 8);
        record[12] = (byte) bodyLength;
        return record;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
