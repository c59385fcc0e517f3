package org.consilium.application.call;

import java.time.Clock;

/**
 * What every live call uses from the server: the clock, its events' listener (the audit
 * trail), its timers, and the recorder of visits.
 */
public record CallServices(Clock clock, CallEvents events, CallTimers timers, CallRecorders recorders) {

    /** Services that record nothing (a room policy that forbids it says the same). */
    public CallServices(Clock clock, CallEvents events, CallTimers timers) {
        this(clock, events, timers, CallRecorders.NONE);
    }
}
