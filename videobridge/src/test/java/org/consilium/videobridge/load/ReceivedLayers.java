package org.consilium.videobridge.load;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * What one synthetic receiver got, from the clear RTP headers and lengths: bytes on the
 * wire, and for each forwarded simulcast source the layer each packet came from (told by
 * its payload length, see {@link SimulcastCamera}). A layer switch can be awaited: the
 * time from {@link #expect} to the first packet of the expected layer goes into a
 * histogram. A switch down is also timed to the last packet above the old layer's base
 * frame rate (temporal layer 0), after which the receiver gets no more than that layer's
 * base rate or the new layer: when its bandwidth went down. The reader thread observes, the generator's thread sets expectations; they
 * meet under this object's lock.
 */
final class ReceivedLayers implements SyntheticBrowser.MediaObserver {

    /** The SRTP authentication tag of AEAD_AES_128_GCM, which the bridge chooses with synthetic browsers. */
    static final int SRTP_TAG = 16;
    /** An expected layer: any below the current one. */
    private static final int ANY_LOWER = -2;
    /** The top of the camera's three temporal layers (its pattern 0, 2, 1, 2): what 15 frames/s leaves out. */
    private static final int TOP_TEMPORAL = 2;

    private final Map<Integer, Integer> layerBySsrc = new HashMap<>();
    private final Map<Integer, Integer> sequenceBySsrc = new HashMap<>();
    private final Map<Integer, Long> expectedSince = new HashMap<>();
    private final Map<Integer, Integer> expectedLayer = new HashMap<>();
    /** The layer a timed switch started from: it tells a switch down from one up. */
    private final Map<Integer, Integer> previousLayer = new HashMap<>();
    /** By SSRC, during a timed switch down: when a packet above the old layer's base frame rate came last. */
    private final Map<Integer, Long> lastAboveBase = new HashMap<>();
    /** By SSRC: packets since the last one of the top temporal layer (30 frames/s), to see it left out. */
    private final Map<Integer, Integer> sinceTopTemporal = new HashMap<>();
    private final Map<Integer, Long> topTemporalPackets = new HashMap<>();
    private final Histogram down;
    private final Histogram up;
    private final Histogram downRate;
    private long bytes;
    private long missed;
    private long gapsAtSwitches;
    private long gapsWithinLayers;

    /** Switch times go into these (nanoseconds); either may be shared by several receivers' instances. */
    ReceivedLayers(Histogram down, Histogram up, Histogram downRate) {
        this.down = down;
        this.up = up;
        this.downRate = downRate;
    }

    ReceivedLayers() {
        this(null, null, null);
    }

    @Override
    public void rtp(byte[] packet, int length, long nowNanos) {
        int payloadType = packet[1] & 0x7F;
        synchronized (this) {
            bytes += length;
        }
        if (payloadType != SimulcastCamera.VP8 || length < 12) {
            return;
        }
        int header = 12 + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0 && length >= header + 4) {
            header += 4 + 4 * Bytes.u16(packet, header + 2);
        }
        int layer = SimulcastCamera.layerOfPayloadLength(length - header - SRTP_TAG);
        int temporal = SimulcastCamera.temporalOfPayloadLength(length - header - SRTP_TAG);
        int ssrc = Bytes.u32(packet, 8);
        int sequence = Bytes.u16(packet, 2);
        synchronized (this) {
            sinceTopTemporal.merge(ssrc, 1, Integer::sum);
            if (temporal == TOP_TEMPORAL) {
                sinceTopTemporal.put(ssrc, 0);
                topTemporalPackets.merge(ssrc, 1L, Long::sum);
            }
            Integer before = sequenceBySsrc.put(ssrc, sequence);
            Integer layerBefore = layerBySsrc.put(ssrc, layer);
            int step = before == null ? 1 : (sequence - before) & 0xFFFF;
            if (step > 1 && step < 0x8000) { // a gap in the one stream the receiver sees (not a late packet)
                if (layerBefore != null && layerBefore != layer) {
                    gapsAtSwitches++;
                } else {
                    gapsWithinLayers++;
                }
            }
            Integer wanted = expectedLayer.get(ssrc);
            if (wanted != null && layer == previousLayerOf(ssrc) && temporal > 0) {
                lastAboveBase.put(ssrc, nowNanos);
            }
            if (wanted != null && (wanted == layer || wanted == ANY_LOWER && layer < previousLayerOf(ssrc))) {
                long since = expectedSince.get(ssrc);
                boolean switchDown = layer < previousLayerOf(ssrc);
                record(switchDown ? down : up, nowNanos - since);
                if (switchDown) {
                    record(downRate, lastAboveBase.getOrDefault(ssrc, since) - since);
                }
                expectedLayer.remove(ssrc);
                expectedSince.remove(ssrc);
                previousLayer.remove(ssrc);
                lastAboveBase.remove(ssrc);
            }
        }
    }

    private static void record(Histogram histogram, long nanos) {
        if (histogram != null) {
            synchronized (histogram) {
                histogram.recordValue(Math.max(0, nanos));
            }
        }
    }

    private int previousLayerOf(int ssrc) {
        return previousLayer.getOrDefault(ssrc, -1);
    }

    /**
     * From {@code sinceNanos} on, waits for the source this receiver knows as {@code ssrc} to
     * arrive in {@code layer}. Only when the source is steadily on another layer: a switch
     * still pending is counted as missed and not timed.
     *
     * @return whether the switch is being timed
     */
    synchronized boolean expect(int ssrc, int layer, long sinceNanos) {
        if (expectedLayer.containsKey(ssrc)) {
            missed++;
            expectedLayer.remove(ssrc);
            expectedSince.remove(ssrc);
            previousLayer.remove(ssrc);
            lastAboveBase.remove(ssrc);
            return false;
        }
        Integer current = layerBySsrc.get(ssrc);
        if (current == null || current == layer) {
            return false;
        }
        expectedLayer.put(ssrc, layer);
        expectedSince.put(ssrc, sinceNanos);
        previousLayer.put(ssrc, current);
        return true;
    }

    /**
     * As {@link #expect}, for any layer below the one the source is on now (what a
     * bandwidth estimate that fell leads to depends on the estimate).
     */
    synchronized boolean expectLower(int ssrc, long sinceNanos) {
        Integer current = layerBySsrc.get(ssrc);
        if (current == null || current == 0) {
            return false;
        }
        return expect(ssrc, ANY_LOWER, sinceNanos);
    }

    /** The layer of the last packet of this source, or -1. */
    synchronized int layer(int ssrc) {
        return layerBySsrc.getOrDefault(ssrc, -1);
    }

    /** Packets of this source since the last of its top temporal layer (or since its first), 0 for none. */
    synchronized int packetsSinceTopTemporal(int ssrc) {
        return sinceTopTemporal.getOrDefault(ssrc, 0);
    }

    /** Packets of this source's top temporal layer received. */
    synchronized long topTemporalPackets(int ssrc) {
        return topTemporalPackets.getOrDefault(ssrc, 0L);
    }

    /** RTP bytes received (SRTP, as on the wire: header, payload and tag; no UDP/IP headers). */
    synchronized long bytes() {
        return bytes;
    }

    /** Gaps in a forwarded simulcast stream's sequence where the layer changed: a receiver would see loss. */
    synchronized long gapsAtSwitches() {
        return gapsAtSwitches;
    }

    /** Gaps in a forwarded simulcast stream's sequence within one layer (loss on the way, or the bridge's). */
    synchronized long gapsWithinLayers() {
        return gapsWithinLayers;
    }

    /** Switches not completed before the next one was asked for. */
    synchronized long missed() {
        return missed;
    }
}
