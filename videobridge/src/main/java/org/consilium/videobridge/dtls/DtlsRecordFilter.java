package org.consilium.videobridge.dtls;

import java.util.concurrent.TimeUnit;

/**
 * Checks every record of a DTLS datagram before BouncyCastle's engine sees it. The engine
 * silently discards a record whose tag does not verify, but a protected record too short
 * for its cipher's nonce and tag makes it raise a fatal decode_error, which ends the
 * association and sends the browser a fatal alert: one spoofed 15-byte datagram used to
 * end a participant's media for good. So the shape of each record is checked here, on the
 * receive thread, and a datagram with any record that fails is dropped whole (a browser
 * never sends one; records of one datagram are not split up).
 */
final class DtlsRecordFilter {

    static final int HEADER_LENGTH = 13;
    /** How long after the handshake the browser may repeat its last flight (BouncyCastle keeps it 2 MSL). */
    static final long LAST_FLIGHT_REPEAT_NANOS = TimeUnit.MINUTES.toNanos(4);

    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int APPLICATION_DATA = 23;
    private static final int HANDSHAKE = 22;

    /** What the filter needs to know of the session; read on the receive thread, set by the session's. */
    interface SessionState {
        /** The smallest protected record of the negotiated cipher; 0 until the cipher suite is chosen. */
        int minimumProtectedLength();

        /** When the handshake completed ({@link System#nanoTime()}); {@link Long#MIN_VALUE} before. */
        long handshakeCompletedAt();
    }

    /** The outcome for one datagram: dropped (with the reason), or passed on with its number of records. */
    record Verdict(DtlsDropReason dropped, int records) {
        static Verdict drop(DtlsDropReason reason) {
            return new Verdict(reason, 0);
        }

        boolean passed() {
            return dropped == null;
        }
    }

    private final int maximumDatagram;
    private final SessionState session;

    DtlsRecordFilter(int maximumDatagram, SessionState session) {
        this.maximumDatagram = maximumDatagram;
        this.session = session;
    }

    Verdict check(byte[] buffer, int offset, int length, long now) {
        if (length > maximumDatagram) {
            return Verdict.drop(DtlsDropReason.MALFORMED);
        }
        int end = offset + length;
        int records = 0;
        for (int at = offset; at < end; records++) {
            if (end - at < HEADER_LENGTH) {
                return Verdict.drop(DtlsDropReason.MALFORMED);
            }
            int type = buffer[at] & 0xFF;
            int epoch = u16(buffer, at + 3);
            int fragment = u16(buffer, at + 11);
            if (type < CHANGE_CIPHER_SPEC || type > APPLICATION_DATA || !isDtls(buffer, at + 1)
                    || fragment > end - at - HEADER_LENGTH) {
                return Verdict.drop(DtlsDropReason.MALFORMED);
            }
            DtlsDropReason refused = checkEpoch(type, epoch, fragment, now);
            if (refused != null) {
                return Verdict.drop(refused);
            }
            at += HEADER_LENGTH + fragment;
        }
        return records == 0 ? Verdict.drop(DtlsDropReason.MALFORMED) : new Verdict(null, records);
    }

    /** @return why a record of this epoch may not reach the engine now, or null if it may */
    private DtlsDropReason checkEpoch(int type, int epoch, int fragment, long now) {
        long completedAt = session.handshakeCompletedAt();
        boolean handshakeDone = completedAt != Long.MIN_VALUE;
        if (epoch == 0) {
            if (!handshakeDone) {
                return null; // in the clear: the engine reads or ignores it, never fails on its form
            }
            // afterwards only the browser's repeated last flight, which brings ours again
            boolean repeatedFlight = type == HANDSHAKE && now - completedAt < LAST_FLIGHT_REPEAT_NANOS;
            return repeatedFlight ? null : DtlsDropReason.WRONG_EPOCH;
        }
        if (epoch != 1) {
            return DtlsDropReason.WRONG_EPOCH; // no renegotiation, so no later epoch
        }
        int minimum = session.minimumProtectedLength();
        if (minimum == 0) {
            return DtlsDropReason.WRONG_EPOCH; // protected before any cipher was chosen
        }
        return fragment < minimum ? DtlsDropReason.MALFORMED : null;
    }

    /** DTLS 1.0 (0xFEFF) or 1.2 (0xFEFD) on the record layer; DTLS 1.2 browsers use both in their first flight. */
    private static boolean isDtls(byte[] buffer, int at) {
        return (buffer[at] & 0xFF) == 0xFE && ((buffer[at + 1] & 0xFF) == 0xFD || (buffer[at + 1] & 0xFF) == 0xFF);
    }

    private static int u16(byte[] buffer, int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }
}
