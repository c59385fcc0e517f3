package org.consilium.web;

import java.time.Duration;

/** A duration as the pages say it: "3 seconds", "1 minute", "15 minutes", "12 hours". */
public final class SpokenDuration {

    private SpokenDuration() {
    }

    public static String of(Duration duration) {
        long minutes = duration.toMinutes();
        if (duration.toSecondsPart() != 0 || minutes == 0) {
            long seconds = duration.toSeconds();
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
