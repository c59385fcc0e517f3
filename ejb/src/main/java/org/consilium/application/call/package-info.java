/**
 * Live calls: who is in a room right now, who waits in its lobby, and their media on the
 * embedded videobridge. The signaling endpoint (web) turns messages into these calls and
 * these calls' news into messages (docs/signaling.md). In memory: a call lives as long
 * as someone is connected or its visit is open; the visit it records is written to the
 * database in the background ({@link org.consilium.application.call.VisitRecord}).
 */
package org.consilium.application.call;
