package org.consilium.recording.webm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header once the picture size is known, clusters written whole, cut by time and at keyframes. */
class WebmMuxerTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final WebmMuxer muxer = new WebmMuxer(sink, true, true, Instant.parse("2001-01-01T00:00:01Z"), 5000, 1000,
            "test");

    private static Block audio(long millis) {
        return new Block(WebmMuxer.AUDIO, millis, new byte[] {0x78, 1, 2}, true, 0, 0);
    }

    private static Block video(long millis, boolean keyframe) {
        return new Block(WebmMuxer.VIDEO, millis, new byte[] {keyframe ? (byte) 0x10 : 0x11, 9}, keyframe,
                keyframe ? 1280 : 0, keyframe ? 720 : 0);
    }

    private String hex() {
        return HexFormat.of().formatHex(sink.toByteArray());
    }

    @Test
    void theHeaderWaitsForTheFirstKeyframesPictureSizeAndDeclaresAStreamingSegment() throws Exception {
        muxer.write(audio(0));
        assertEquals(0, sink.size(), "nothing before the picture size is known");
        muxer.write(video(10, true));
        String file = hex();
        assertTrue(file.startsWith("1a45dfa3"), "EBML header");
        assertTrue(file.contains("4282847765626d"), "DocType webm");
        assertTrue(file.contains("1853806701ffffffffffffff"), "Segment of unknown size");
        assertTrue(file.contains("b0820500") && file.contains("ba8202d0"), "1280x720 from the keyframe");
        assertTrue(file.contains("86864" + "15f4f505553"), "A_OPUS");
        assertTrue(file.contains("4f707573486561640101"), "OpusHead, version 1, mono (TOC 0x78)");
        assertTrue(file.contains("446188" + "00000000" + "3b9aca00"), "DateUTC: 1 s after 2001");
        assertEquals(sink.size(), muxer.clusters().get(0).byteOffset(), "the open cluster is not written yet");
    }

    @Test
    void withoutAKeyframeTheHeaderGoesOutAfterTheWaitWithADefaultSize() throws Exception {
        muxer.write(audio(0));
        muxer.write(audio(4980));
        assertEquals(0, sink.size());
        muxer.write(audio(5000));
        assertTrue(hex().contains("b0820280") && hex().contains("ba8201e0"), "640x480");
    }

    @Test
    void clustersAreWrittenWholeEverySecondAndAtKeyframesAndIndexed() throws Exception {
        muxer.write(video(0, true));
        muxer.write(audio(0));
        muxer.write(audio(500));
        int header = sink.size();
        muxer.write(audio(1000)); // a second after the cluster began: the first one is written
        assertTrue(sink.size() > header);
        muxer.write(video(1200, false));
        muxer.write(video(1300, true)); // a keyframe starts a cluster
        muxer.finish();

        List<ClusterStart> clusters = muxer.clusters();
        assertEquals(List.of(0L, 1000L, 1300L), clusters.stream().map(ClusterStart::timecodeMillis).toList());
        byte[] file = sink.toByteArray();
        for (ClusterStart cluster : clusters) {
            int at = (int) cluster.byteOffset();
            assertEquals("1f43b675", HexFormat.of().formatHex(file, at, at + 4), "a cluster at " + at);
        }
        assertEquals(file.length, muxer.bytesWritten());
        assertEquals(3, muxer.blocks(WebmMuxer.AUDIO));
        assertEquals(3, muxer.blocks(WebmMuxer.VIDEO));
        // the first cluster: timecode 0, then SimpleBlocks (track, relative time, flags)
        int first = (int) clusters.get(0).byteOffset();
        assertEquals("1f43b675" + "1000001d" + "e78100" + "a386" + "82" + "0000" + "80" + "1009",
                HexFormat.of().formatHex(file, first, first + 4 + 4 + 3 + 2 + 1 + 2 + 1 + 2));
    }

    @Test
    void theInterleaverPutsTheTracksInTimecodeOrder() {
        List<Long> out = new java.util.ArrayList<>();
        Interleaver interleaver = new Interleaver(100, block -> out.add(block.timecodeMillis()));
        interleaver.add(audio(0));
        interleaver.add(audio(20));
        interleaver.add(video(10, true));
        interleaver.add(audio(40));
        assertTrue(out.isEmpty());
        interleaver.add(audio(115));
        assertEquals(List.of(0L, 10L), out);
        interleaver.flush();
        assertEquals(List.of(0L, 10L, 20L, 40L, 115L), out);
    }
}
