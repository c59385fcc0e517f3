package org.consilium.application.call;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.VisitId;

/**
 * A live call's recording, if one runs: who answered the consent question and how, and whose
 * media is being written. A participant's media is written only after they consent and only
 * while they are in the call (never from the lobby); declining, or taking consent back, stops
 * it. Everyone present is asked when a host starts, and whoever enters while it runs is asked
 * on entry; an answer is the person's for this recording (a second window or a reconnect is
 * not asked again). A new start is a new recording, and everyone is asked again.
 *
 * <p>Runs under the call's lock; the recorder does the slow parts elsewhere.
 */
final class CallRecording {

    private final CallRecorders recorders;
    private final CallMedia media;
    private final Consumer<RecordingStopReason> stoppedByItself;
    private CallRecorders.RecordingSession session;
    private String startedBy;
    /** By person ({@link CallMember#person()}): the latest answer. */
    private final Map<String, ConsentDecision> answers = new HashMap<>();
    /** By member id: the media being written. */
    private final Map<String, CallRecorders.Track> tracks = new HashMap<>();

    /** @param stoppedByItself told on any thread when the recorder had to stop (the call then calls {@link #stop}) */
    CallRecording(CallRecorders recorders, CallMedia media, Consumer<RecordingStopReason> stoppedByItself) {
        this.recorders = recorders;
        this.media = media;
        this.stoppedByItself = stoppedByItself;
    }

    boolean active() {
        return session != null;
    }

    /** Whether {@code member} may start and stop recordings: hosts, where the policy allows it. */
    boolean allowedFor(CallMember member) {
        return member.role().hosts() && recorders.allowed();
    }

    /** A host starts recording; everyone present is asked. Starting twice changes nothing. */
    void start(CallMember host, Optional<VisitId> visit, CallRoom room, List<CallMember> present) {
        if (!host.role().hosts()) {
            throw new CallRefused("forbidden", "only the room's owner and hosts start a recording");
        }
        if (active()) {
            return;
        }
        VisitId going = visit.orElseThrow(() -> new CallRefused("recording-unavailable", "no visit is going on"));
        session = recorders.start(room, going, host, stoppedByItself);
        startedBy = host.displayName();
        answers.clear();
        present.forEach(this::ask);
    }

    /** A host's Record toggle: starts a recording (everyone present asked) or stops the one going on. */
    void switchedBy(CallMember host, boolean on, Optional<VisitId> visit, CallRoom room, List<CallMember> present) {
        if (on) {
            start(host, visit, room, present);
        } else {
            stop(RecordingStopReason.STOPPED_BY_HOST, host, present, null);
        }
    }

    /** The visit ended (everyone left, the room closed, its maximum length): so does its recording. */
    void visitEnded(List<CallMember> present) {
        stop(RecordingStopReason.CALL_ENDED, null, present, "The recording stopped: the visit ended.");
    }

    /** The recorder had to stop (a full disk, a write failure): everyone present is told why; the call goes on. */
    void stoppedByItself(RecordingStopReason reason, List<CallMember> present) {
        stop(reason, null, present, reason == RecordingStopReason.STORAGE_FULL
                ? "The recording stopped: the appliance's recording storage is full. The call goes on."
                : "The recording stopped: its files could not be written. The call goes on.");
    }

    /** Stops the recording (a host, the visit's end, the server, or the recorder itself); everyone present is told. */
    void stop(RecordingStopReason reason, CallMember by, List<CallMember> present, String why) {
        if (!active()) {
            return;
        }
        tracks.values().forEach(CallRecorders.Track::stop);
        tracks.clear();
        session.stop(reason, by);
        session = null;
        answers.clear();
        var message = CallMessages.recordingStopped(why);
        present.forEach(member -> member.connection().send(message));
    }

    /**
     * A participant's answer to the notice of {@code version}; an answer to an older text
     * is refused and the current one shown again.
     */
    void answer(CallMember member, boolean consent, int version) {
        if (!active()) {
            throw new CallRefused("invalid", "nothing is being recorded");
        }
        if (version != session.notice().version()) {
            ask(member);
            throw new CallRefused("stale-notice", "the recording notice has changed: read it again");
        }
        ConsentDecision before = answers.get(member.person());
        ConsentDecision decision = consent ? ConsentDecision.GIVEN
                : before == ConsentDecision.GIVEN ? ConsentDecision.WITHDRAWN : ConsentDecision.DECLINED;
        if (before == decision || (before == ConsentDecision.WITHDRAWN && decision == ConsentDecision.DECLINED)) {
            return;
        }
        answers.put(member.person(), decision);
        session.decided(member, decision);
        if (decision.recorded()) {
            startTrack(member);
        } else {
            stopTrack(member);
        }
        member.connection().send(message(member));
    }

    /**
     * {@code member} is in the call, with a new endpoint unless {@code mediaKept}: they are
     * told of the recording (and asked, if they have not answered), and their media written
     * again if they consented.
     */
    void entered(CallMember member, boolean mediaKept) {
        if (!active()) {
            return;
        }
        if (!mediaKept || !tracks.containsKey(member.id())) {
            stopTrack(member);
            if (answers.getOrDefault(member.person(), ConsentDecision.DECLINED).recorded()) {
                startTrack(member);
            }
        }
        member.connection().send(message(member));
    }

    /** {@code member} started or stopped sharing their screen, or shares another: its own file while they are recorded. */
    void screenChanged(CallMember member) {
        CallRecorders.Track track = tracks.get(member.id());
        if (track != null) {
            track.screen(sharedScreen(member));
        }
    }

    /** A chat message {@code member} sent: kept with their media while they are recorded, never otherwise. */
    void chat(CallMember member, String text, java.time.Instant at) {
        CallRecorders.Track track = tracks.get(member.id());
        if (track != null) {
            track.chat(member.displayName(), text, at);
        }
    }

    private static Long sharedScreen(CallMember member) {
        return member.screenSharing() ? member.screenSource().orElse(null) : null;
    }

    /** {@code member} is no longer in the call (or their endpoint went): nothing more of theirs is written. */
    void left(CallMember member) {
        stopTrack(member);
    }

    /**
     * What everyone's participant list says of {@code member}: null when nothing is being
     * recorded; {@code unavailable} when they consented but their media cannot be written
     * here (it reaches this call through another appliance's bridge, which does not record).
     */
    String stateOf(CallMember member) {
        if (!active()) {
            return null;
        }
        if (tracks.containsKey(member.id())) {
            return "recorded";
        }
        ConsentDecision answer = answers.get(member.person());
        if (answer == null) {
            return "asked";
        }
        boolean elsewhere = media.has(member.id()) && media.localEndpoint(member.id()).isEmpty();
        return answer.recorded() && elsewhere ? "unavailable" : "not-recorded";
    }

    private void ask(CallMember member) {
        member.connection().send(message(member));
    }

    private jakarta.json.JsonObject message(CallMember member) {
        ConsentDecision answer = answers.get(member.person());
        String you = answer == null ? "asked" : answer.recorded() ? "consented" : "declined";
        return CallMessages.recording(startedBy, session.since(), session.notice(), you);
    }

    private void startTrack(CallMember member) {
        if (tracks.containsKey(member.id())) {
            return;
        }
        media.localEndpoint(member.id()).ifPresent(endpoint -> {
            CallRecorders.Track track = session.record(member, endpoint);
            tracks.put(member.id(), track);
            track.screen(sharedScreen(member));
        });
    }

    private void stopTrack(CallMember member) {
        CallRecorders.Track track = tracks.remove(member.id());
        if (track != null) {
            track.stop();
        }
    }
}
