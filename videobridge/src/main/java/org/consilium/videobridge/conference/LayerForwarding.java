package org.consilium.videobridge.conference;

import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.SsrcMap;
import org.consilium.videobridge.simulcast.LayerSelector;

/**
 * One receiver's simulcast: a {@link LayerSelector} per simulcast source it receives, the
 * keyframe requests a layer switch needs (on the target layer, rate-limited by the
 * publisher; asked again when the keyframe does not come), and the receiver's sender
 * reports and repair requests translated between its one stream and the layer it came
 * from. The frame rate cap (temporal layers) is the selector's; a higher cap that waits for
 * a keyframe asks for one like a switch. Receive thread only; the targets are set on its tick.
 */
final class LayerForwarding {

    /** A switch waiting longer than this for its keyframe asks again (a PLI may be lost). */
    static final long KEYFRAME_PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private SsrcMap<LayerSelector> selectors = SsrcMap.empty();
    /** Sources sent as one stream that the allocation paused for this receiver. */
    private SsrcMap<Boolean> paused = SsrcMap.empty();

    /** The selector of a source this receiver gets (by the source's forwarded SSRC); made on first use. */
    LayerSelector selectorFor(MediaSource source) {
        LayerSelector selector = selectors.get(source.ssrc());
        if (selector == null) {
            selector = new LayerSelector(90_000);
            selectors = selectors.with(source.ssrc(), selector);
        }
        return selector;
    }

    /** Whether the single-stream source {@code ssrc} is paused for this receiver (asked per packet). */
    boolean paused(int ssrc) {
        return paused.containsKey(ssrc);
    }

    /**
     * Pauses or resumes a single-stream source for this receiver.
     *
     * @return whether it was paused and now resumes (it needs a keyframe and a fresh start of numbers)
     */
    boolean pause(int ssrc, boolean pause) {
        boolean was = paused.containsKey(ssrc);
        if (pause && !was) {
            paused = paused.with(ssrc, Boolean.TRUE);
        } else if (!pause && was) {
            paused = paused.retaining(other -> other != ssrc);
            return true;
        }
        return false;
    }

    /** The selector of the source this receiver knows as {@code ssrc}; null if it is no simulcast source of its. */
    LayerSelector selector(int ssrc) {
        return selectors.get(ssrc);
    }

    /**
     * Stops the sources this receiver no longer gets (unplaced, deselected, their publisher
     * gone): their selectors go to no layer, so that when a source comes back it starts on
     * a keyframe and goes on from the receiver's last number, instead of carrying on in an
     * old stretch with a gap nobody can repair.
     */
    void stopAllBut(java.util.Set<Integer> receiving, long nowNanos) {
        selectors.forEach((ssrc, selector) -> {
            if (!receiving.contains(ssrc)) {
                selector.setTarget(LayerSelector.NO_LAYER, nowNanos);
            }
        });
    }

    /** Whether the publisher's layer packet goes out to this receiver (then {@link LayerSelector#rewrite} follows). */
    boolean accept(Endpoint publisher, IncomingStreams.Stream stream, MediaPacket packet, long extendedSequence,
                   long nowNanos) {
        return selectorFor(stream.source).accept(stream.layer, packet,
                publisher.formats().videoCodec(Rtp.payloadType(packet)), extendedSequence, nowNanos);
    }

    /**
     * Moves the receiver's view of {@code source} to {@code layer}, asking the publisher for
     * a keyframe of it when that is a switch (or when an earlier request went unanswered).
     */
    void target(Endpoint publisher, MediaSource source, int layer, long nowNanos) {
        target(publisher, source, layer, LayerSelector.ALL_TEMPORAL, nowNanos);
    }

    /** As {@link #target(Endpoint, MediaSource, int, long)}, at most up to temporal layer {@code maxTemporal}. */
    void target(Endpoint publisher, MediaSource source, int layer, int maxTemporal, long nowNanos) {
        LayerSelector selector = selectorFor(source);
        boolean spatial = selector.setTarget(layer, nowNanos);
        boolean temporal = selector.setTemporalTarget(maxTemporal, nowNanos);
        boolean wantsKeyframe = spatial || temporal
                || selector.switchOverdue(nowNanos, KEYFRAME_PATIENCE_NANOS);
        if (wantsKeyframe) {
            selector.keyframeRequested(nowNanos);
            publisher.requestLayerKeyframe(source, layer);
        }
    }

    /**
     * A publisher's sender report, as this receiver must see it: only the layer it gets
     * now, under its one SSRC and its timeline; null when the report is of another layer.
     */
    byte[] senderReport(IncomingStreams.Stream stream, byte[] senderInfo) {
        LayerSelector selector = selectors.get(stream.source.ssrc());
        if (selector == null || selector.current() != stream.layer || stream.layer == LayerSelector.NO_LAYER) {
            return null;
        }
        byte[] rewritten = senderInfo.clone();
        Bytes.putU32(rewritten, 4, stream.source.ssrc());
        long timestamp = ((rewritten[16] & 0xFFL) << 24) | ((rewritten[17] & 0xFFL) << 16)
                | ((rewritten[18] & 0xFFL) << 8) | (rewritten[19] & 0xFFL);
        Bytes.putU32(rewritten, 16, (int) selector.currentTimestamp(timestamp));
        return rewritten;
    }
}
