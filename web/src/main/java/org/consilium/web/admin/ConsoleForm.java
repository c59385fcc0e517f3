package org.consilium.web.admin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.consilium.web.SpokenDuration;

/**
 * What every console settings form shows after a POST: the problem of each field (a
 * sentence next to it; field name → sentence) or a line saying what was done.
 */
abstract class ConsoleForm {

    protected final Map<String, String> errors = new HashMap<>();
    protected String done;

    /** Why the value of a field was refused, for the line next to it; no entry when it was not. */
    public Map<String, String> getErrors() {
        return errors;
    }

    public boolean isInvalid() {
        return !errors.isEmpty();
    }

    public String getDone() {
        return done;
    }

    /** How long, in words, for the hints. */
    public String spoken(Duration duration) {
        return SpokenDuration.of(duration);
    }
}
