package org.consilium.recording.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RTP timestamps onto the bridge's clock: by arrival first, by the sender's NTP clock once it reports. */
class TrackClockTest {

    private static final long MS = 1_000_000L;
    /** NTP 64-bit of a time in milliseconds (whole milliseconds are exact enough here). */
    private static long ntp(long millis) {
        long seconds = 3_900_000_000L + millis / 1000;
        long fraction = ((millis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    @Test
    void beforeAnyReportATimestampIsItsFirstPacketsArrivalPlusTheRtpTimeSince() {
        TrackClock audio = new TrackClock(48_000, new SenderClock());
        assertEquals(1000 * MS, audio.localNanos(5000, 1000 * MS));
        assertEquals(1020 * MS, audio.localNanos(5000 + 960, 1031 * MS), "jitter does not move it");
        assertEquals(2000 * MS, audio.localNanos(5000 + 48_000, 1999 * MS));
    }

    @Test
    void reportsOnTheSendersClockLineUpATrackThatArrivesLaterThanTheOther() {
        SenderClock sender = new SenderClock();
        TrackClock audio = new TrackClock(48_000, sender);
        TrackClock video = new TrackClock(90_000, sender);
        // both captured at sender time 10 s; audio arrives at 100 ms, video 300 ms later
        audio.senderReport(1000, ntp(10_000), 100 * MS);
        video.senderReport(7000, ntp(10_000), 400 * MS);
        assertEquals(100 * MS, audio.localNanos(1000, 100 * MS));
        assertEquals(100 * MS, video.localNanos(7000, 400 * MS), "on the audio's time, not its arrival");
        assertEquals(1100 * MS, video.localNanos(7000 + 90_000, 1400 * MS));
    }

    @Test
    void theFirstReportLeavesItsOwnTrackWhereArrivalPutIt() {
        SenderClock sender = new SenderClock();
        TrackClock video = new TrackClock(90_000, sender);
        assertEquals(500 * MS, video.localNanos(0, 500 * MS));
        video.senderReport(9000, ntp(77_000), 650 * MS); // 100 ms of RTP later, reported 50 ms late
        assertEquals(600 * MS, video.localNanos(9000, 640 * MS));
        assertEquals(700 * MS, video.localNanos(18_000, 700 * MS));
    }

    @Test
    void aTimestampFarFromItsArrivalStartsTheTrackAfreshAtThatArrival() {
        TrackClock audio = new TrackClock(48_000, new SenderClock());
        audio.localNanos(0, 0);
        assertEquals(20_000 * MS, audio.localNanos(4_000_000_000L, 20_000 * MS), "a publisher restarted");
        assertEquals(1, audio.jumps());
        assertEquals(20_020 * MS, audio.localNanos(4_000_000_000L + 960, 20_030 * MS));
    }
}
