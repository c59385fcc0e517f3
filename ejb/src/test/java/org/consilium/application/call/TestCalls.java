package org.consilium.application.call;

import java.time.Duration;
import java.util.function.Consumer;
import org.consilium.videobridge.conference.Conference;

/** Live calls on one bridge's conference of this JVM, as the tests build them. */
final class TestCalls {

    private TestCalls() {
    }

    static LiveCall liveCall(CallRoom room, CallLimits limits, Conference conference, VisitRecord visit,
                             CallServices services, Consumer<LiveCall> whenOver) {
        return liveCall(room, limits, Duration.ZERO, conference, visit, services, whenOver);
    }

    static LiveCall liveCall(CallRoom room, CallLimits limits, Duration reconnectGrace, Conference conference,
                             VisitRecord visit, CallServices services, Consumer<LiveCall> whenOver) {
        return liveCall(room, limits, reconnectGrace, new LocalCallMedia(conference), visit, services, whenOver);
    }

    static LiveCall liveCall(CallRoom room, CallLimits limits, Duration reconnectGrace, CallMedia media,
                             VisitRecord visit, CallServices services, Consumer<LiveCall> whenOver) {
        return new LiveCall(room, limits, reconnectGrace, media, visit, services, whenOver);
    }
}
