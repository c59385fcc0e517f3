package org.consilium.recording.bridge;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.consilium.recording.MediaKind;
import org.consilium.recording.ParticipantRecording;
import org.consilium.recording.RecordingListener;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.conference.MediaTap;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.VideoPayload;
import org.consilium.videobridge.sdp.PayloadFormat;
import org.consilium.videobridge.simulcast.LayerSelector;

/**
 * One participant's tap into their recording: the microphone as it comes, and the camera as
 * one continuous VP8 stream of its best layer. A simulcast camera arrives as up to three
 * layers; the recording follows the highest one that is arriving (a layer silent for a second
 * has stopped: the publisher's uplink, or dynacast, turned it off), switching only on that
 * layer's keyframe, which it asks for, with the bridge's own {@link LayerSelector} rewriting
 * numbers, timestamps and picture ids so the file sees one stream. Sender reports of the
 * layer being recorded are translated onto that stream's timeline. The first video source
 * seen is the camera; a screen share is another recording's.
 *
 * <p>Runs on the bridge's media thread ({@link MediaTap}'s rules); the recording copies and
 * queues. Keyframe requests come from the writer thread and go through
 * {@code Endpoint.requestKeyframe}, which sends them on the media thread.
 */
public final class TappedParticipant implements MediaTap, RecordingListener {

    /** A layer without a packet for this long has stopped (as the bridge's allocation takes it). */
    static final long LAYER_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    /** A switch whose keyframe has not come asks again after this long (a request may be lost). */
    static final long KEYFRAME_PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int MAX_LAYERS = 4;

    /** Asks the publisher for a keyframe of a layer ({@code Endpoint::requestKeyframe}). */
    public interface Keyframes {
        void request(MediaSource source, int layer);
    }

    private final Keyframes keyframes;
    private final Consumer<IOException> failed;
    private volatile ParticipantRecording recording;
    // media thread only:
    private final LayerSelector selector = new LayerSelector(MediaKind.VIDEO.clockRate());
    private final long[] lastSeen = new long[MAX_LAYERS];
    private final MediaPacket copy = new MediaPacket(new byte[1500 + 64], 0, 0);
    private volatile MediaSource camera;

    /**
     * @param keyframes how to ask the publisher for a keyframe
     * @param failed told (on the writer thread) when writing failed and the recording stopped
     */
    public TappedParticipant(Keyframes keyframes, Consumer<IOException> failed) {
        this.keyframes = keyframes;
        this.failed = failed;
    }

    /** The recording to feed: started with this as its {@link RecordingListener}. */
    public void recordInto(ParticipantRecording recording) {
        this.recording = recording;
    }

    @Override
    public void rtp(MediaSource source, int layer, PayloadFormat format, MediaPacket packet, long extendedSequence,
                    long arrivalNanos) {
        ParticipantRecording into = recording;
        if (into == null || format == null) {
            return;
        }
        if (source.kind() == MediaSource.Kind.AUDIO) {
            if (format.name().equals("opus")) {
                into.rtp(MediaKind.AUDIO, packet.getBuffer(), packet.getOffset(), packet.getLength(), arrivalNanos);
            }
            return;
        }
        if (!format.name().equals("vp8") || !isCamera(source)) {
            return; // the writer records VP8; the file holds one video track
        }
        if (layer == SINGLE_STREAM) {
            into.rtp(MediaKind.VIDEO, packet.getBuffer(), packet.getOffset(), packet.getLength(), arrivalNanos);
            return;
        }
        if (layer >= MAX_LAYERS) {
            return;
        }
        lastSeen[layer] = arrivalNanos;
        follow(source, arrivalNanos);
        if (!selector.accept(layer, packet, VideoPayload.VP8, extendedSequence, arrivalNanos)) {
            return;
        }
        int length = packet.getLength();
        System.arraycopy(packet.getBuffer(), packet.getOffset(), copy.reset(length + MediaPacket.TRAILER_ROOM), 0,
                length);
        copy.setLength(length);
        copy.putU32(8, source.ssrc()); // whatever the layer, the file's one stream
        selector.rewrite(copy);
        into.rtp(MediaKind.VIDEO, copy.getBuffer(), copy.getOffset(), copy.getLength(), arrivalNanos);
    }

    @Override
    public void senderReport(MediaSource source, int layer, long ntp, long rtpTimestamp, long arrivalNanos) {
        ParticipantRecording into = recording;
        if (into == null) {
            return;
        }
        long now = arrivalNanos;
        if (source.kind() == MediaSource.Kind.AUDIO) {
            into.senderReport(MediaKind.AUDIO, source.ssrc(), ntp, rtpTimestamp, now);
        } else if (isCamera(source) && layer == SINGLE_STREAM) {
            into.senderReport(MediaKind.VIDEO, source.ssrc(), ntp, rtpTimestamp, now);
        } else if (isCamera(source) && layer == selector.current() && layer != LayerSelector.NO_LAYER) {
            into.senderReport(MediaKind.VIDEO, source.ssrc(), ntp, selector.currentTimestamp(rtpTimestamp), now);
        }
    }

    /** The writer lost a picture, or starts: a keyframe of the layer recorded (or about to be). */
    @Override
    public void keyframeNeeded() {
        MediaSource video = camera;
        if (video != null) {
            int layer = selector.current() != LayerSelector.NO_LAYER ? selector.current() : selector.target();
            keyframes.request(video, video.isSimulcast() && layer != LayerSelector.NO_LAYER ? layer : SINGLE_STREAM);
        }
    }

    @Override
    public void writeFailed(IOException failure) {
        failed.accept(failure);
    }

    private boolean isCamera(MediaSource source) {
        MediaSource known = camera;
        if (known == null) {
            camera = source;
            return true;
        }
        return known.ssrc() == source.ssrc();
    }

    /** Targets the highest layer arriving now; a switch asks for its keyframe (again if it is late). */
    private void follow(MediaSource source, long nowNanos) {
        int best = LayerSelector.NO_LAYER;
        for (int i = MAX_LAYERS - 1; i >= 0; i--) {
            if (lastSeen[i] != 0 && nowNanos - lastSeen[i] < LAYER_TIMEOUT_NANOS) {
                best = i;
                break;
            }
        }
        boolean switching = selector.setTarget(best, nowNanos);
        if (best != LayerSelector.NO_LAYER
                && (switching || selector.switchOverdue(nowNanos, KEYFRAME_PATIENCE_NANOS))) {
            selector.keyframeRequested(nowNanos);
            keyframes.request(source, best);
        }
    }
}
