package org.consilium.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/**
 * {@code /recording.xhtml?id=<recording id>}: the player. Only the id's shape is checked here;
 * what the signed-in person may see of the recording the API decides (static/recording/player.js
 * reads {@code /api/recordings/<id>}: metadata, and the files' addresses for the room's owner and hosts).
 */
@Named("recordingPage")
@RequestScoped
public class RecordingPage {

    @Inject
    HttpServletRequest request;

    public boolean isIdValid() {
        try {
            UUID.fromString(String.valueOf(request.getParameter("id")));
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The recording's id in its canonical form. */
    public String getId() {
        return UUID.fromString(request.getParameter("id")).toString();
    }
}
