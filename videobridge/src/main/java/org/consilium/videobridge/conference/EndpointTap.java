package org.consilium.videobridge.conference;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.sdp.EndpointFormats;

/**
 * The recorder of one endpoint's media, if any ({@link MediaTap}): fed by the receive path
 * after forwarding (a recorder never delays the call) and by the RTCP path's sender
 * reports. A tap that throws is taken off and logged, once: one recorder must not cost
 * anyone the call. Set from any thread, read per packet on the receive thread.
 */
final class EndpointTap {

    private static final Logger LOG = Logger.getLogger(EndpointTap.class.getName());

    private final String endpointId;
    private volatile MediaTap tap;

    EndpointTap(String endpointId) {
        this.endpointId = endpointId;
    }

    void set(MediaTap tap) {
        this.tap = tap;
    }

    void rtp(IncomingStreams.Stream stream, EndpointFormats formats, MediaPacket packet, long extendedSequence) {
        MediaTap recording = tap;
        if (recording != null) {
            try {
                recording.rtp(stream.source, stream.layer, formats.format(Rtp.payloadType(packet)), packet,
                        extendedSequence, packet.receivedAt());
            } catch (RuntimeException failed) {
                failed(recording, failed);
            }
        }
    }

    void senderReport(IncomingStreams.Stream stream, long ntp, long rtpTimestamp, long arrivalNanos) {
        MediaTap recording = tap;
        if (recording != null) {
            try {
                recording.senderReport(stream.source, stream.layer, ntp, rtpTimestamp, arrivalNanos);
            } catch (RuntimeException failed) {
                failed(recording, failed);
            }
        }
    }

    /** Compare-and-clear: a tap set meanwhile stays. */
    private synchronized void failed(MediaTap recording, RuntimeException failure) {
        if (tap == recording) {
            tap = null;
            LOG.log(Level.WARNING, "the media tap of endpoint " + endpointId + " failed and was stopped", failure);
        }
    }
}
