/**
 * Where a frame goes on the recording's timeline (milliseconds since the call's recording
 * started, one origin for every participant's file). A track maps its RTP timestamps to the
 * bridge's clock from its first packet's arrival until an RTCP sender report gives the
 * sender's NTP time for a timestamp; from then on the sender's clock, the same for its audio
 * and video, lines the two tracks up (lip sync), whatever their network delays.
 */
package org.consilium.recording.timing;
