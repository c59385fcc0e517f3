package org.consilium.recording.webm;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts the tracks' frames in timecode order before the muxer. Video frames come out of their
 * reorder buffer and frame assembly later than audio, so each frame waits until the newest
 * timecode seen is {@code delay} ahead of it; frames of one timecode keep their arrival order.
 */
public final class Interleaver {

    private record Queued(Block block, long order) {
    }

    private final long delayMillis;
    private final Consumer<Block> out;
    private final PriorityQueue<Queued> queue = new PriorityQueue<>((a, b) -> {
        int byTime = Long.compare(a.block.timecodeMillis(), b.block.timecodeMillis());
        return byTime != 0 ? byTime : Long.compare(a.order, b.order);
    });
    private long newest = Long.MIN_VALUE;
    private long order;

    public Interleaver(long delayMillis, Consumer<Block> out) {
        this.delayMillis = delayMillis;
        this.out = out;
    }

    public void add(Block block) {
        queue.add(new Queued(block, order++));
        newest = Math.max(newest, block.timecodeMillis());
        while (!queue.isEmpty() && queue.peek().block.timecodeMillis() <= newest - delayMillis) {
            out.accept(queue.poll().block);
        }
    }

    /** Everything still waiting, in order (the recording stops). */
    public void flush() {
        while (!queue.isEmpty()) {
            out.accept(queue.poll().block);
        }
    }

    public int waiting() {
        return queue.size();
    }
}
