package org.consilium.application.call;

import java.time.Duration;

/**
 * A live call's two deadlines for its visit: the empty room's (nobody in the call for the
 * empty-room timeout) and the maximum visit length. When one passes, its task runs under the
 * call's lock, and only if the deadline is still current (not cancelled or replaced since the
 * timer was set); then {@code afterwards} runs outside the lock (the call's check whether it
 * is over). Used under the call's lock, like {@link CallDeadline}.
 */
final class VisitDeadlines {

    private final CallLimits limits;
    private final Object lock;
    private final CallDeadline emptyRoom;
    private final CallDeadline maxLength;
    private final Runnable emptyTooLong;
    private final Runnable reachedMaxLength;
    private final Runnable afterwards;

    VisitDeadlines(CallLimits limits, CallTimers timers, Object lock, Runnable emptyTooLong, Runnable reachedMaxLength,
                   Runnable afterwards) {
        this.limits = limits;
        this.lock = lock;
        this.emptyRoom = new CallDeadline(timers);
        this.maxLength = new CallDeadline(timers);
        this.emptyTooLong = emptyTooLong;
        this.reachedMaxLength = reachedMaxLength;
        this.afterwards = afterwards;
    }

    /** Nobody is in the call any more: the visit ends after the empty-room timeout unless someone enters. */
    void roomEmptied() {
        emptyRoom.start(limits.emptyRoomTimeout(), fired -> due(emptyRoom, fired, emptyTooLong));
    }

    /** Someone entered: the empty room's deadline is off. */
    void someoneEntered() {
        emptyRoom.cancel();
    }

    /** The visit has {@code left} until its maximum length. */
    void visitGoesOn(Duration left) {
        maxLength.start(left, fired -> due(maxLength, fired, reachedMaxLength));
    }

    /** A new visit: its whole maximum length ahead. */
    void visitStarted() {
        visitGoesOn(limits.maxVisitLength());
    }

    void cancel() {
        emptyRoom.cancel();
        maxLength.cancel();
    }

    private void due(CallDeadline deadline, long fired, Runnable task) {
        synchronized (lock) {
            if (!deadline.isCurrent(fired)) {
                return;
            }
            task.run();
        }
        afterwards.run();
    }
}
