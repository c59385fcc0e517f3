/**
 * The pre-call network check's loopback through the bridge (REQUIREMENTS C7): a page opens
 * two peer connections to a conference of its own that no room knows, one sending a test
 * picture and sound, one receiving them back through the same forwarding path a call takes
 * (ICE over UDP or TCP, DTLS, SRTP, the receiver's allocation). The page measures round
 * trip, loss and the bitrate that came back; this package only bounds what a check may cost.
 */
package org.consilium.videobridge.probe;
