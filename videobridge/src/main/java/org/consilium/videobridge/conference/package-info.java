/**
 * The model above the packet stages: a conference of endpoints, each with its ICE agent,
 * DTLS session, SRTP transformer and declared sources. An endpoint's decrypted RTP is
 * re-encrypted for every other endpoint of its conference; keyframe requests go back to
 * the publisher of the stream; all other RTCP ends at the bridge. An {@link
 * org.consilium.videobridge.conference.Endpoint} only assembles its packet stages, one class
 * each: EndpointReceiver, RtcpTermination, KeyframeRequests, Retransmissions, ForwardingStage,
 * EndpointSender, EndpointTimers.
 */
package org.consilium.videobridge.conference;
