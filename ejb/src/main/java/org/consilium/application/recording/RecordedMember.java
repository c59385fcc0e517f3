package org.consilium.application.recording;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.consilium.application.call.CallRecorders;
import org.consilium.recording.bridge.MemberTap;
import org.consilium.videobridge.conference.Endpoint;

/**
 * What is written of one consenting participant while they are in the call: their camera and
 * microphone in one file and, while they share their screen, the screen in another, both fed
 * by one tap on their bridge endpoint ({@link MemberTap}); the chat messages they send in a
 * third, from their first ({@link ChatFile}). Called under the call's lock.
 */
final class RecordedMember implements CallRecorders.Track {

    private final Endpoint endpoint;
    private final MemberTrack camera;
    private final Supplier<Optional<MemberTrack>> newScreenFile;
    private final Supplier<Optional<ChatFile>> newChatFile;
    private final MemberTap tap;
    private MemberTrack screen;
    private Long screenSsrc;
    private ChatFile chat;

    RecordedMember(Endpoint endpoint, MemberTrack camera, Supplier<Optional<MemberTrack>> newScreenFile,
                   Supplier<Optional<ChatFile>> newChatFile) {
        this.endpoint = endpoint;
        this.camera = camera;
        this.newScreenFile = newScreenFile;
        this.newChatFile = newChatFile;
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
    public void chat(String from, String text, Instant at) {
        if (chat == null) {
            chat = newChatFile.get().orElse(null);
        }
        if (chat != null) {
            chat.write(from, text, at);
        }
    }

    @Override
    public void stop() {
        endpoint.tap(null);
        stopScreen();
        camera.stop();
        if (chat != null) {
            chat.stop();
        }
    }

    private void stopScreen() {
        if (screen != null) {
            tap.noScreen();
            screen.stop();
            screen = null;
        }
    }
}
