package org.consilium.videobridge.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stats.TransportCounters;
import org.consilium.videobridge.stun.MalformedStunException;
import org.consilium.videobridge.stun.StunMessage;

/**
 * A UDP port of one relay this bridge initiates to another bridge. Its own port, because the
 * other bridge tells its endpoints apart by address: two conferences relayed between the
 * same two bridges from the media port would look like one. Served by the media port's
 * receive loop ({@link LoopChannel}), so relayed packets meet the endpoints on the packet
 * path's one thread. It takes datagrams from the other bridge's media address only: STUN
 * (answers to our checks) goes to {@link Peer#stun}, everything else to the relay's
 * endpoint once a check on the path was answered.
 */
public final class RelayPort implements LoopChannel, PacketSender {

    /** The relay's end of the port. Loop thread. */
    public interface Peer {
        /** A STUN message from the other bridge (an answer to our check, or nothing we asked for). */
        void stun(StunMessage message);

        /** The endpoint these packets are for, once the path is validated (null: not yet). */
        TransportEndpoint validatedEndpoint();
    }

    private static final int BATCH = 64;
    private static final ThreadLocal<ByteBuffer> SEND_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(UdpTransport.RECEIVE_BUFFER));

    private final DatagramChannel channel;
    private final InetSocketAddress remote;
    private final TransportCounters counters;
    private final Peer peer;
    private final UdpPath path;
    private final ByteBuffer buffer = ByteBuffer.allocate(UdpTransport.RECEIVE_BUFFER); // loop thread only

    private RelayPort(DatagramChannel channel, InetSocketAddress remote, TransportCounters counters, Peer peer) {
        this.channel = channel;
        this.remote = remote;
        this.counters = counters;
        this.peer = peer;
        this.path = new UdpPath(this, remote);
    }

    /** Binds a free port on {@code local} for a relay to {@code remote}; nothing is read until a loop serves it. */
    public static RelayPort open(InetAddress local, InetSocketAddress remote, TransportCounters counters, Peer peer)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            channel.bind(new InetSocketAddress(local, 0));
            channel.configureBlocking(false);
            return new RelayPort(channel, remote, counters, peer);
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    /** The path to the other bridge: what the relay's ICE and DTLS send on. */
    public UdpPath path() {
        return path;
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public void register(Selector selector) throws IOException {
        channel.register(selector, SelectionKey.OP_READ, (Ready) key -> readReady());
    }

    private void readReady() {
        for (int batch = 0; batch < BATCH; batch++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException closedOrUnreachable) {
                return; // closed meanwhile, or an ICMP error from an earlier send: like a lost packet
            }
            if (from == null) {
                return;
            }
            deliver(buffer.array(), buffer.position(), from);
        }
    }

    private void deliver(byte[] bytes, int length, SocketAddress from) {
        counters.received(length);
        if (!remote.equals(from)) {
            counters.dropped(DropReason.UNKNOWN_ADDRESS);
            return;
        }
        PacketKind kind = length == 0 ? PacketKind.UNKNOWN : PacketKind.of(bytes[0]);
        switch (kind) {
            case STUN -> {
                try {
                    peer.stun(StunMessage.parse(bytes, 0, length));
                } catch (MalformedStunException malformed) {
                    counters.dropped(DropReason.MALFORMED_STUN);
                }
            }
            case DTLS, RTP_RTCP -> {
                TransportEndpoint endpoint = peer.validatedEndpoint();
                if (endpoint == null) {
                    counters.dropped(DropReason.UNKNOWN_ADDRESS);
                } else {
                    endpoint.receive(kind, bytes, 0, length);
                }
            }
            default -> counters.dropped(DropReason.UNKNOWN_PROTOCOL);
        }
    }

    @Override
    public void tick(long nowNanos) {
        // the relay's endpoint ticks with the others (it is registered with the demultiplexer)
    }

    @Override
    public void send(byte[] buffer, int offset, int length, InetSocketAddress to) {
        try {
            ByteBuffer direct = SEND_BUFFER.get();
            direct.clear();
            direct.put(buffer, offset, length);
            int sent = channel.send(direct.flip(), to);
            if (sent > 0) {
                counters.sent(sent);
            } else {
                counters.sendFailed();
            }
        } catch (IOException | RuntimeException failed) {
            counters.sendFailed(); // closed, unreachable, or larger than a media packet: like a lost datagram
        }
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close(); // its key is cancelled with it
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
