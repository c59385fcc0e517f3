package org.consilium.recording.rtp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * RFC 7587: an Opus RTP payload is exactly one Opus packet, every one decodable on its own
 * (a loss is the decoder's concealment, not ours). Empty payloads (padding only) are skipped.
 */
public final class OpusDepacketizer implements Depacketizer {

    private final Consumer<EncodedFrame> frames;

    public OpusDepacketizer(Consumer<EncodedFrame> frames) {
        this.frames = frames;
    }

    @Override
    public void packet(RtpPacket packet) {
        if (packet.payloadLength() <= 0) {
            return;
        }
        byte[] buffer = packet.packet().getBuffer();
        int from = packet.packet().getOffset() + packet.payloadStart();
        byte[] data = Arrays.copyOfRange(buffer, from, from + packet.payloadLength());
        frames.accept(new EncodedFrame(packet.extendedTimestamp(), data, true,
                EncodedFrame.NO_SIZE, EncodedFrame.NO_SIZE, packet.arrivalNanos()));
    }

    @Override
    public void flush() {
        // nothing held between packets
    }

    @Override
    public void reset() {
        // nothing held between packets
    }
}
