package org.consilium.application.recording;

import java.io.IOException;

/**
 * A recording no longer matches the manifest signed when it stopped (a consent or file record
 * was changed, or the signature does not hold): nothing of it is exported, and whoever asked is
 * told so in a sentence (no details of what changed: that is for the investigation).
 */
public class RecordingTampered extends IOException {

    private static final long serialVersionUID = 1L;

    RecordingTampered(String why) {
        super("The recording's records no longer match the manifest signed when it stopped (" + why
                + "). Nothing was exported; tell the security officer.");
    }
}
