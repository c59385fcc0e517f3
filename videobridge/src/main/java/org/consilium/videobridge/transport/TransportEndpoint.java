package org.consilium.videobridge.transport;

import org.consilium.videobridge.ice.IceLiteAgent;

/** What the demultiplexer needs of an endpoint: its ICE agent, and where its DTLS and media go. */
public interface TransportEndpoint {

    IceLiteAgent ice();

    /**
     * A DTLS or RTP/RTCP datagram from a validated address of this endpoint. The buffer is
     * the receive loop's: copy what must outlive the call. Must not throw for bad content
     * (it is counted as an internal error if it does).
     */
    void receive(PacketKind kind, byte[] buffer, int offset, int length);

    /**
     * Called on the receive thread every few milliseconds, so timed work (reports,
     * feedback) runs on the same thread as the packets and needs no locks.
     */
    default void tick(long nowNanos) {
    }
}
