/** The signaling WebSocket on the real server: lobby, admission, refusals, bad messages. */
package org.consilium.server.signaling;
