package org.consilium.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpokenDurationTest {

    @Test
    void secondsMinutesAndWholeHours() {
        assertEquals("1 second", SpokenDuration.of(Duration.ofSeconds(1)));
        assertEquals("3 seconds", SpokenDuration.of(Duration.ofSeconds(3)));
        assertEquals("90 seconds", SpokenDuration.of(Duration.ofSeconds(90)));
        assertEquals("1 minute", SpokenDuration.of(Duration.ofMinutes(1)));
        assertEquals("15 minutes", SpokenDuration.of(Duration.ofMinutes(15)));
        assertEquals("90 minutes", SpokenDuration.of(Duration.ofMinutes(90)));
        assertEquals("1 hour", SpokenDuration.of(Duration.ofHours(1)));
        assertEquals("12 hours", SpokenDuration.of(Duration.ofHours(12)));
        assertEquals("0 seconds", SpokenDuration.of(Duration.ZERO));
    }
}
