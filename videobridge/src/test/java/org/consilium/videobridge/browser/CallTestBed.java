package org.consilium.videobridge.browser;

import java.net.InetSocketAddress;
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
        bridge = Videobridge.start(config, executor);
        conference = bridge.conference(conferenceId);
        signaling = new TestSignaling(conference);
        call = new Participants(conference, signaling);
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
