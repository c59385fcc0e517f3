package org.consilium.application.call;

import java.time.Clock;

/** What every live call uses from the server: the clock, its events' listener (the audit trail), its timers. */
public record CallServices(Clock clock, CallEvents events, CallTimers timers) {
}
