package org.consilium.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.consilium.recording.timing.RecordingTimeline;
import org.junit.jupiter.api.Test;

/** What the media thread may rely on: a copy and an offer, never a wait, whatever the writer does. */
class ParticipantRecordingTest {

    private static final RecordingOptions NO_WAITING = new RecordingOptions(16, 0, 0, 0, 0, 1000);

    @Test
    void aWriterStuckOnItsDiskNeverHoldsUpTheMediaThreadItsPacketsAreDroppedAndCounted() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    disk.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ParticipantRecording recording = ParticipantRecording.start("stuck", stuck, EnumSet.of(MediaKind.AUDIO),
                RecordingTimeline.startingNow(), NO_WAITING, RecordingListener.NONE);
        SyntheticMedia media = new SyntheticMedia(1500, 60);
        int[] sent = new int[1];
        long started = System.nanoTime();
        media.generate(20, (kind, bytes, length, at) -> {
            if (kind == MediaKind.AUDIO) {
                recording.rtp(kind, bytes, 0, length, started + at);
                sent[0]++;
            }
        });
        long took = System.nanoTime() - started;
        until(() -> recording.stats().packetsDroppedQueueFull() > 0, "drops counted");
        disk.countDown();
        RecordingStats stats = recording.stop();
        assertEquals(sent[0], stats.packetsQueued() + stats.packetsDroppedQueueFull());
        assertTrue(stats.packetsDroppedQueueFull() >= sent[0] - 16 - 2, stats.toString());
        assertTrue(took < Duration.ofSeconds(2).toNanos(), "1,000 calls took " + took / 1_000_000 + " ms");
    }

    @Test
    void aWriteFailureStopsTheRecordingOnceAndIsReportedTheCallGoesOn() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        RecordingListener listener = new RecordingListener() {
            @Override
            public void keyframeNeeded() {
            }

            @Override
            public void writeFailed(IOException failure) {
                failures.incrementAndGet();
            }
        };
        ParticipantRecording recording = ParticipantRecording.start("full", full, EnumSet.allOf(MediaKind.class),
                RecordingTimeline.startingNow(), NO_WAITING, listener);
        long started = System.nanoTime();
        new SyntheticMedia(1500, 30).generate(2, (kind, bytes, length, at) ->
                recording.rtp(kind, bytes, 0, length, started + at));
        until(recording::failed, "the failure seen");
        long queuedAtFailure = recording.stats().packetsQueued();
        recording.rtp(MediaKind.AUDIO, new byte[100], 0, 100, System.nanoTime());
        IOException thrown = assertThrows(IOException.class, recording::stop);
        assertEquals("No space left on device", thrown.getMessage());
        assertEquals(1, failures.get());
        assertTrue(recording.stats().packetsQueued() <= queuedAtFailure + 1, "nothing more taken after the failure");
    }

    @Test
    void aVideoOnlyRecordingAsksForAKeyframeWhenItStartsMidStream() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ParticipantRecording recording = ParticipantRecording.start("screen", file, EnumSet.of(MediaKind.VIDEO),
                RecordingTimeline.startingNow(), new RecordingOptions(4096, 0, 0, 0, 0, 1000), requests::incrementAndGet);
        long started = System.nanoTime();
        int[] seen = new int[1];
        new SyntheticMedia(1500, 45).generate(3, (kind, bytes, length, at) -> {
            // join mid-stream: skip the first keyframe's frame
            if (kind == MediaKind.VIDEO && seen[0]++ >= 20) {
                recording.rtp(kind, bytes, 0, length, started + at);
            }
        });
        until(() -> requests.get() >= 1, "a keyframe request");
        RecordingStats stats = recording.stop();
        assertTrue(stats.videoFrames() > 0 && stats.videoFramesDropped() > 0, stats.toString());
        assertTrue(file.size() > 0);
    }

    private static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
