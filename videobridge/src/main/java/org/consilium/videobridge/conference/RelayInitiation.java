package org.consilium.videobridge.conference;

import java.io.IOException;
import org.consilium.videobridge.ice.ControllingChecks;
import org.consilium.videobridge.ice.HostCandidate;
import org.consilium.videobridge.ice.IceCredentials;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.stun.StunMessage;
import org.consilium.videobridge.transport.RelayPort;
import org.consilium.videobridge.transport.RelayPorts;
import org.consilium.videobridge.transport.TransportEndpoint;

/**
 * The side of a relay that this bridge initiates to another bridge: from a port of its own,
 * ICE's controlling checks to the other bridge's endpoint, and DTLS as the client once one
 * is answered. From then on the relay's endpoint carries media like any other; the other
 * bridge's end is an ordinary endpoint with the relay's formats ({@link Conference#acceptRelay}).
 */
final class RelayInitiation implements RelayPort.Peer {

    private final TransportEndpoint endpoint;
    private final IceLiteAgent ice;
    private final EndpointDtls dtls;
    private final RelayPorts ports;
    private volatile RelayPort port;
    private volatile ControllingChecks checks;

    private RelayInitiation(TransportEndpoint endpoint, IceLiteAgent ice, EndpointDtls dtls, RelayPorts ports) {
        this.endpoint = endpoint;
        this.ice = ice;
        this.dtls = dtls;
        this.ports = ports;
    }

    /** Opens the relay's port towards the other bridge's first UDP candidate; checks go out from the next tick. */
    static RelayInitiation start(TransportEndpoint endpoint, IceLiteAgent ice, EndpointDtls dtls, RelayPorts ports,
                                 LocalTransport remote) throws IOException {
        HostCandidate candidate = remote.candidates().stream()
                .filter(c -> c.transport() == HostCandidate.Transport.UDP)
                .findFirst()
                .orElseThrow(() -> new IOException("the other bridge offers no UDP candidate to relay to"));
        RelayInitiation initiation = new RelayInitiation(endpoint, ice, dtls, ports);
        RelayPort opened = ports.open(candidate.address(), initiation);
        initiation.checks = new ControllingChecks(ice, new IceCredentials(remote.iceUfrag(), remote.icePassword()),
                opened.path());
        initiation.port = opened;
        return initiation;
    }

    /** Receive thread. */
    void tick(long now) {
        ControllingChecks current = checks;
        if (current != null && port != null) {
            current.tick(now);
        }
    }

    @Override
    public void stun(StunMessage message) {
        ControllingChecks current = checks;
        if (current != null && current.onResponse(message)) {
            dtls.initiate();
        }
    }

    @Override
    public TransportEndpoint validatedEndpoint() {
        RelayPort current = port;
        return current != null && ice.isValidated(current.path()) ? endpoint : null;
    }

    /** Whether a check was answered: the other bridge is reachable on the path. */
    boolean reached() {
        ControllingChecks current = checks;
        return current != null && current.answered();
    }

    void close() {
        RelayPort current = port;
        if (current != null) {
            ports.close(current);
        }
    }
}
