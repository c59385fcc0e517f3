package org.consilium.recording;

/** What the media thread queues for the writer thread: a packet copy or a sender report. */
sealed interface Arrival {

    MediaKind kind();

    long arrivalNanos();

    record Packet(MediaKind kind, byte[] bytes, long arrivalNanos) implements Arrival {
    }

    record SenderReport(MediaKind kind, int ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos)
            implements Arrival {
    }
}
