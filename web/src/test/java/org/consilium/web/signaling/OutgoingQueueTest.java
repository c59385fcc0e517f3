package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The queue in front of a WebSocket, without a container: a wire the test completes by hand. */
class OutgoingQueueTest {

    private final Wire wire = new Wire();
    private final Closes closes = new Closes();
    private final OutgoingQueue queue = new OutgoingQueue(wire, closes, 3, 100);

    @Test
    void oneMessageIsOnTheWireAtATimeAndTheOrderIsKept() {
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");
        assertEquals(List.of("a"), wire.sent, "the rest wait until the first has gone out");
        assertEquals(2, queue.waiting());

        wire.complete(null);
        wire.complete(null);
        assertEquals(List.of("a", "b", "c"), wire.sent);
        wire.complete(null);
        queue.offer("d");
        assertEquals(List.of("a", "b", "c", "d"), wire.sent, "an idle queue sends at once");
    }

    @Test
    void aBrowserThatDoesNotKeepUpIsClosedAndNothingMoreIsSent() {
        queue.offer("stuck");
        queue.offer("1");
        queue.offer("2");
        queue.offer("3");
        assertNull(closes.failed, "three may wait");
        queue.offer("4");
        assertEquals("too-slow", closes.failed);
        assertEquals(0, queue.waiting(), "what waited is dropped");

        wire.complete(null);
        queue.offer("5");
        assertEquals(List.of("stuck"), wire.sent);
    }

    @Test
    void theBoundIsAlsoInCharacters() {
        queue.offer("stuck");
        queue.offer("x".repeat(100));
        assertNull(closes.failed);
        queue.offer("y");
        assertEquals("too-slow", closes.failed);
    }

    @Test
    void aFailedSendClosesTheConnection() {
        queue.offer("a");
        queue.offer("b");
        wire.complete(new IOException("reset"));
        assertEquals("send-failed", closes.failed);
        assertEquals(List.of("a"), wire.sent);
    }

    @Test
    void closingWaitsForWhatWasSentBeforeIt() {
        queue.offer("removed");
        queue.offer("bye");
        queue.closeWhenDrained();
        queue.offer("too late");
        assertEquals(0, closes.drained, "the reason must reach the browser before the close");

        wire.complete(null);
        assertEquals(0, closes.drained);
        wire.complete(null);
        assertEquals(1, closes.drained);
        assertEquals(List.of("removed", "bye"), wire.sent);

        queue.closeWhenDrained();
        assertEquals(1, closes.drained, "once");
    }

    @Test
    void anIdleQueueClosesAtOnce() {
        queue.closeWhenDrained();
        assertEquals(1, closes.drained);
    }

    @Test
    void aWireThatCompletesAtOnceDrainsTheQueueWithoutHelp() {
        List<String> sent = new ArrayList<>();
        OutgoingQueue immediate = new OutgoingQueue((text, done) -> {
            sent.add(text);
            done.accept(null);
        }, closes, 3, 100);
        for (int i = 0; i < 10; i++) {
            immediate.offer("m" + i);
        }
        assertEquals(10, sent.size());
        assertNull(closes.failed);
    }

    /** Sends are recorded and completed when the test says. */
    private static final class Wire implements OutgoingQueue.Wire {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();

        @Override
        public void send(String text, Consumer<Throwable> done) {
            sent.add(text);
            pending.add(done);
        }

        void complete(Throwable failure) {
            pending.remove(0).accept(failure);
        }
    }

    private static final class Closes implements OutgoingQueue.Closer {
        int drained;
        String failed;

        @Override
        public void drained() {
            drained++;
        }

        @Override
        public void failed(String why) {
            failed = why;
        }
    }
}
