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
}
