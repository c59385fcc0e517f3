package org.consilium.web.signaling;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One connection's messages on their way out: in the order given, one on the wire at a
 * time, at most {@code maxMessages} or {@code maxChars} characters waiting. The call sends
 * to every member under its lock, so a send must never wait for a browser; a browser that
 * does not keep up (or a dead one whose TCP window is full) overflows its own queue, and
 * its connection is closed: a leave, and nobody else is held up. Plain Java, no container.
 */
final class OutgoingQueue {

    /** The connection's asynchronous send. */
    interface Wire {
        /** Starts sending {@code text}; {@code done} gets null once it went out, or the failure. May call back at once. */
        void send(String text, Consumer<Throwable> done);
    }

    /** What happens when the queue gives up on the connection. */
    interface Closer {
        /** Everything given so far went out: close as asked. */
        void drained();

        /** Too much waiting, or a send failed: close at once, nothing more goes out. */
        void failed(String why);
    }

    private final Wire wire;
    private final Closer closer;
    private final int maxMessages;
    private final long maxChars;
    private final Queue<String> waiting = new ArrayDeque<>();
    private long waitingChars;
    private boolean sending;
    private boolean closing;
    private boolean done;

    OutgoingQueue(Wire wire, Closer closer, int maxMessages, long maxChars) {
        this.wire = wire;
        this.closer = closer;
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
    }

    /** Queues {@code text}, or starts sending it if nothing is on the wire; never blocks. */
    void offer(String text) {
        boolean overflowed = false;
        synchronized (this) {
            if (done || closing) {
                return;
            }
            if (sending) {
                if (waiting.size() < maxMessages && waitingChars + text.length() <= maxChars) {
                    waiting.add(text);
                    waitingChars += text.length();
                    return;
                }
                waiting.clear(); // the browser is not keeping up
                waitingChars = 0;
                done = true;
                overflowed = true;
            } else {
                sending = true;
            }
        }
        if (overflowed) {
            closer.failed("too-slow");
        } else {
            wire.send(text, this::sent);
        }
    }

    /** Closes once what was given has gone out ({@link Closer#drained}); nothing given later is sent. */
    void closeWhenDrained() {
        synchronized (this) {
            if (done || closing) {
                return;
            }
            closing = true;
            if (sending) {
                return; // sent() closes after the last one
            }
            done = true;
        }
        closer.drained();
    }

    synchronized int waiting() {
        return waiting.size();
    }

    // One frame per completed send: the callback may come at once on this thread, so a
    // burst recurses at most as deep as the queue is long (bounded by maxMessages).
    private void sent(Throwable failure) {
        String next;
        boolean drained = false;
        synchronized (this) {
            if (done) {
                return;
            }
            if (failure != null) {
                waiting.clear();
                waitingChars = 0;
                done = true;
                sending = false;
            }
            next = failure == null ? waiting.poll() : null;
            if (next != null) {
                waitingChars -= next.length();
            } else if (failure == null) {
                sending = false;
                drained = closing;
                done = closing;
            }
        }
        if (failure != null) {
            closer.failed("send-failed");
        } else if (next != null) {
            wire.send(next, this::sent);
        } else if (drained) {
            closer.drained();
        }
    }
}
