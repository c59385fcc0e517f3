package org.consilium.application.recording;

import java.util.Optional;
import java.util.function.Supplier;
import org.consilium.application.call.CallRecorders;
import org.consilium.recording.bridge.MemberTap;
import org.consilium.videobridge.conference.Endpoint;

/**
 * What is written of one consenting participant while they are in the call: their camera and
 * microphone in one file and, while they share their screen, the screen in another, both fed
 * by one tap on their bridge endpoint ({@link MemberTap}). Called under the call's lock.
 */
final class RecordedMember implements CallRecorders.Track {

    private final Endpoint endpoint;
    private final MemberTrack camera;
    private final Supplier<Optional<MemberTrack>> newScreenFile;
    private final MemberTap tap;
    private MemberTrack screen;
    private Long screenSsrc;

    RecordedMember(Endpoint endpoint, MemberTrack camera, Supplier<Optional<MemberTrack>> newScreenFile) {
        this.endpoint = endpoint;
        this.camera = camera;
        this.newScreenFile = newScreenFile;
        this.tap = new MemberTap(camera.start());
    }

    MemberTap tap() {
        return tap;
    }

    @Override
    public void screen(Long ssrc) {
        if (java.util.Objects.equals(ssrc, screenSsrc)) {
            return;
        }
        stopScreen();
        screenSsrc = ssrc;
        if (ssrc != null) {
            newScreenFile.get().ifPresent(file -> {
                screen = file;
                tap.screen(ssrc, file.start());
            });
        }
    }

    @Override
    public void stop() {
        endpoint.tap(null);
        stopScreen();
        camera.stop();
    }

    private void stopScreen() {
        if (screen != null) {
            tap.noScreen();
            screen.stop();
            screen = null;
        }
    }
}
