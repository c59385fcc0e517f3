/**
 * The signaling WebSocket (docs/signaling.md): who is connecting (staff session or guest
 * session, same origin only), messages in and out as JSON, each turned into a live call's
 * use case; a refused message gets an error and changes nothing. Messages go out through
 * a bounded queue per connection, silent connections are found by a heartbeat, and the
 * HTTP session behind an open connection does not idle out.
 */
package org.consilium.web.signaling;
