package org.consilium.application.call;

import java.time.Clock;

/**
 * What every live call uses from the server: the clock, its events' listener (the audit
 * trail), its timers, the recorder of visits, and the room's record of who hosts it.
 */
public record CallServices(Clock clock, CallEvents events, CallTimers timers, CallRecorders recorders,
                           RoomHosts hosts) {

    /** Services that record nothing (a room policy that forbids it says the same). */
    public CallServices(Clock clock, CallEvents events, CallTimers timers) {
        this(clock, events, timers, CallRecorders.NONE);
    }

    /** Services whose calls cannot change their room's hosts. */
    public CallServices(Clock clock, CallEvents events, CallTimers timers, CallRecorders recorders) {
        this(clock, events, timers, recorders, RoomHosts.NONE);
    }
}
