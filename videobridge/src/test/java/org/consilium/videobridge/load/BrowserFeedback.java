package org.consilium.videobridge.load;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.ReceiveStatistics;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpReports;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * What a browser answers to the media it receives, read from the clear RTP header (the
 * generator does not decrypt): a PLI for each new video stream, a NACK for each gap in a
 * video stream's sequence, and receiver reports every second. The reader thread observes,
 * the generator's thread sends; the two meet under this object's lock.
 */
final class BrowserFeedback implements SyntheticBrowser.MediaObserver {

    private static final long REPORT_INTERVAL = 1_000_000_000L;
    private static final int OPUS = 111;
    /** Browsers give up on older losses; so does this. */
    private static final int MAX_NACKED_GAP = 16;

    private final int ownSsrc;
    private final Map<Integer, ReceiveStatistics> streams = new HashMap<>();
    private final Map<Integer, Integer> highestVideoSequence = new HashMap<>();
    private final ArrayDeque<int[]> pendingNacks = new ArrayDeque<>(); // {ssrc, sequence}
    private final ArrayDeque<Integer> pendingPlis = new ArrayDeque<>();
    private long nextReport;
    private long nacksSent;
    private long plisSent;

    BrowserFeedback(int ownSsrc) {
        this.ownSsrc = ownSsrc;
    }

    @Override
    public synchronized void rtp(byte[] packet, int length, long nowNanos) {
        if (length < 12) {
            return;
        }
        int payloadType = packet[1] & 0x7F;
        int sequence = Bytes.u16(packet, 2);
        int ssrc = Bytes.u32(packet, 8);
        boolean audio = payloadType == OPUS;
        streams.computeIfAbsent(ssrc, s -> new ReceiveStatistics(audio ? 48_000 : 90_000))
                .received(sequence, Bytes.u32(packet, 4) & 0xFFFFFFFFL, nowNanos);
        if (audio) {
            return; // browsers neither NACK nor PLI Opus
        }
        Integer highest = highestVideoSequence.get(ssrc);
        if (highest == null) {
            pendingPlis.add(ssrc); // a new stream: ask for a keyframe to start decoding
        } else {
            int gap = (sequence - highest - 1) & 0xFFFF;
            if (gap > 0 && gap <= MAX_NACKED_GAP) {
                for (int i = 1; i <= gap; i++) {
                    pendingNacks.add(new int[] {ssrc, (highest + i) & 0xFFFF});
                }
            }
            if (((sequence - highest) & 0xFFFF) >= 0x8000) {
                return; // older than the highest: a retransmission or reordering
            }
        }
        highestVideoSequence.put(ssrc, sequence);
    }

    /** Sends what is due: PLIs and NACKs at once, receiver reports every second. */
    void sendDue(long now, SyntheticBrowser browser) throws IOException {
        byte[] pli = null;
        byte[] nack = null;
        byte[] report = null;
        synchronized (this) {
            if (!pendingPlis.isEmpty()) {
                pli = RtcpCompound.pli(ownSsrc, pendingPlis.poll());
                plisSent++;
            }
            if (!pendingNacks.isEmpty()) {
                int[] first = pendingNacks.poll();
                nack = RtcpReports.nack(ownSsrc, first[0], first[1]);
                nacksSent++;
            }
            if (now - nextReport >= 0 && !streams.isEmpty()) {
                nextReport = now + REPORT_INTERVAL;
                report = receiverReport(now);
            }
        }
        // Each goes alone: every SRTCP packet starts with a report in real browsers, but the
        // bridge takes feedback without one (RFC 5506 reduced-size RTCP, which it negotiates).
        for (byte[] rtcp : new byte[][] {pli, nack, report}) {
            if (rtcp != null) {
                browser.sendRtcp(rtcp);
            }
        }
    }

    private byte[] receiverReport(long now) {
        int blocks = Math.min(streams.size(), RtcpReports.MAX_BLOCKS);
        byte[] rr = RtcpReports.receiverReport(ownSsrc, blocks);
        int i = 0;
        for (Map.Entry<Integer, ReceiveStatistics> stream : streams.entrySet()) {
            if (i == blocks) {
                break; // a browser would send a second RR; one is enough load for this
            }
            stream.getValue().writeReportBlock(stream.getKey(), rr, 8 + RtcpReports.REPORT_BLOCK * i++, now);
        }
        return rr;
    }

    synchronized long nacksSent() {
        return nacksSent;
    }

    synchronized long plisSent() {
        return plisSent;
    }
}
