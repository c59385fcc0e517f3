package org.consilium.videobridge.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Where a relay this bridge initiates gets its own port, served by the media port's receive loop. */
public interface RelayPorts {

    /** A new port on the media address, for packets to and from {@code remote}; served from the loop's next turn. */
    RelayPort open(InetSocketAddress remote, RelayPort.Peer peer) throws IOException;

    /** The relay ended: the port is no longer served, and closed. */
    void close(RelayPort port);
}
