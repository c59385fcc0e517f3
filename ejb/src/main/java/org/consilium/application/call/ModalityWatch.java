package org.consilium.application.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.consilium.domain.room.Modality;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.allocation.SourceAllocation;

/**
 * Whether each person in the call gets video or only audio, for the visit record
 * (REQUIREMENTS D4): audio only when the bridge forwards them no video and pauses some for
 * bandwidth (their connection cannot carry the lowest layer); video otherwise, which is how
 * every stint starts. A change is noted only once it has held for {@link #HOLD}, at the moment
 * it began: an estimate that wavers around the lowest layer for a second is no change of
 * modality a bill should show, nor a row per wobble. Thread-safe.
 */
final class ModalityWatch {

    static final Duration HOLD = Duration.ofSeconds(5);

    /** Where a change that held goes (the visit record). */
    @FunctionalInterface
    interface Notes {
        void changed(CallMember member, Modality modality, Instant since);
    }

    private final Clock clock;
    private final CallTimers timers;
    private final Notes notes;
    private final Map<String, State> states = new HashMap<>();

    ModalityWatch(Clock clock, CallTimers timers, Notes notes) {
        this.clock = clock;
        this.timers = timers;
        this.notes = notes;
    }

    /** What the bridge forwards to {@code member} now. */
    synchronized void allocated(CallMember member, Allocation allocation) {
        Modality now = of(allocation);
        State state = states.computeIfAbsent(member.id(), id -> new State());
        if (now == state.noted) {
            state.cancelCandidate();
            return;
        }
        if (state.candidate == now) {
            return; // still waiting to see it hold
        }
        state.cancelCandidate();
        Instant since = clock.instant();
        state.candidate = now;
        long number = ++state.number;
        state.timer = timers.after(HOLD, () -> held(member, state, number, since));
    }

    /** They left: nothing more to note about this connection. */
    synchronized void forget(String memberId) {
        State state = states.remove(memberId);
        if (state != null) {
            state.cancelCandidate();
        }
    }

    synchronized void retain(java.util.function.Predicate<String> keep) {
        for (String id : java.util.List.copyOf(states.keySet())) {
            if (!keep.test(id)) {
                forget(id);
            }
        }
    }

    /** Audio only: nothing forwarded, and something paused because the connection cannot carry it. */
    static Modality of(Allocation allocation) {
        boolean anyForwarded = false;
        boolean anyForBandwidth = false;
        for (SourceAllocation source : allocation.sources().values()) {
            anyForwarded |= source.isForwarded();
            anyForBandwidth |= source.reason() == SourceAllocation.Reason.BANDWIDTH;
        }
        return !anyForwarded && anyForBandwidth ? Modality.AUDIO_ONLY : Modality.VIDEO;
    }

    private void held(CallMember member, State state, long number, Instant since) {
        Modality modality;
        synchronized (this) {
            if (states.get(member.id()) != state || state.number != number || state.candidate == null) {
                return; // it changed back or again, or they left: a timer that fired late finds its number out of date
            }
            modality = state.candidate;
            state.noted = modality;
            state.candidate = null;
            state.timer = null;
        }
        notes.changed(member, modality, since); // outside the lock: the record queues a write
    }

    private static final class State {
        Modality noted = Modality.VIDEO;
        Modality candidate;
        long number;
        CallTimers.Timer timer;

        void cancelCandidate() {
            candidate = null;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }
}
