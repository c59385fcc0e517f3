package org.consilium.videobridge.browser;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;

/** A bridge, one conference, the test signaling and the browsers in it; closed in reverse order. */
final class CallTestBed implements AutoCloseable {

    final ExecutorService executor = Executors.newCachedThreadPool();
    final Videobridge bridge;
    final Conference conference;
    final TestSignaling signaling;
    final Participants call;

    CallTestBed(BridgeConfig config, String conferenceId) throws Exception {
        this(config, conferenceId, null);
    }

    /** With the test signaling on {@code signalingAddress} (null: loopback), for browsers in namespaces of their own. */
    CallTestBed(BridgeConfig config, String conferenceId, InetAddress signalingAddress) throws Exception {
        bridge = Videobridge.start(config, executor);
        conference = bridge.conference(conferenceId);
        signaling = signalingAddress == null ? new TestSignaling(conference) : new TestSignaling(conference, signalingAddress);
        call = new Participants(conference, signaling);
    }

    /**
     * A bridge in the test JVM's network namespace (src/test/netns) with its signaling on
     * every address, so that a {@link ChromiumBehindLink} reaches both over its own link.
     */
    static CallTestBed inNamespace(String conferenceId) throws Exception {
        InetAddress address = NetworkNamespace.address();
        return new CallTestBed(new BridgeConfig(new InetSocketAddress(address, 0), List.of(address)), conferenceId,
                InetAddress.getByName("0.0.0.0"));
    }

    InetSocketAddress mediaAddress() {
        return bridge.mediaAddress();
    }

    @Override
    public void close() throws Exception {
        try {
            call.close();
            signaling.close();
            bridge.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
