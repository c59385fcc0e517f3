package org.consilium.application.recording;

/**
 * No recording (or file) of that id that the caller may have: forged ids, shredded
 * recordings and recordings of rooms the caller does not run all look the same from outside.
 */
public class RecordingNotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordingNotFound() {
        super("There is no such recording, or you may not play it.");
    }

    protected RecordingNotFound(String message) {
        super(message);
    }

    /** A recording still being written is not exported (its files are not finished). */
    public static final class StillRunning extends RecordingNotFound {

        private static final long serialVersionUID = 1L;

        public StillRunning() {
            super("This recording is still running: stop it first, then export it.");
        }
    }
}
