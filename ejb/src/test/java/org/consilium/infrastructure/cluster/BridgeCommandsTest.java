package org.consilium.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.MediaSource;
import org.junit.jupiter.api.Test;

/** What crosses the cluster of a relay's sources, through Java serialization as the dispatcher marshals it. */
class BridgeCommandsTest {

    private static final MediaSource AUDIO = new MediaSource(MediaSource.Kind.AUDIO, 0x1111, "ana", "mic");
    private static final MediaSource CAMERA = new MediaSource(MediaSource.Kind.VIDEO, 0x2222, 0x2223, "ana", "camera",
            new MediaSource.Simulcast("1", List.of("l", "m", "h")).relayedUnder(List.of(0x31, 0x32, 0x33)));

    @Test
    void aSimulcastCameraCrossesAsItsLayersUnderTheirRelaySsrcs() throws Exception {
        List<MediaSource> received = roundTrip(BridgeCommands.Sources.of(List.of(AUDIO, CAMERA))).toList();

        assertEquals(AUDIO, received.get(0));
        MediaSource camera = received.get(1);
        assertEquals(0x2222, camera.ssrc(), "the one SSRC receivers know it by");
        assertEquals(0x2223, camera.rtxSsrc());
        assertEquals(List.of(0x31, 0x32, 0x33), camera.simulcast().ssrcs(), "bound from the start on the other bridge");
        assertEquals(CAMERA.relayed(), camera);
    }

    @Test
    void aCameraWithoutRelaySsrcsCrossesAsOneStream() throws Exception {
        MediaSource learnt = new MediaSource(MediaSource.Kind.VIDEO, 0x2222, 0x2223, "ana", "camera",
                new MediaSource.Simulcast("1", List.of("l", "m", "h")));
        assertFalse(roundTrip(BridgeCommands.Sources.of(List.of(learnt))).toList().get(0).isSimulcast());
    }

    @Test
    void aReceiversConstraintsCrossWithTheirFrameRates() throws Exception {
        ReceiverConstraints board = new ReceiverConstraints(16, 180, List.of("ana/camera"), 720,
                Map.of("ben/camera", 0), 8, 15);
        assertEquals(board, roundTrip(new BridgeCommands.Constrain("node-1", "room", "member", board)).constraints());
    }

    @SuppressWarnings("unchecked")
    private static <T extends java.io.Serializable> T roundTrip(T command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(command);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
