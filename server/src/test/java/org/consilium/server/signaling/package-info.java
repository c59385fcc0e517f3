/**
 * The signaling WebSocket on the real server: lobby, admission, refusals, bad messages,
 * backpressure; live calls recorded as visits (timeouts, takeover, room close); the HTTP
 * session behind a call (idle timeout, sign-out).
 */
package org.consilium.server.signaling;
