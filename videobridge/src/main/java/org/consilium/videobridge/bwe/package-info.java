/**
 * Send-side bandwidth estimation per receiver, in the spirit of Google Congestion Control
 * (draft-ietf-rmcat-gcc-02; libwebrtc's goog_cc): what the bridge sent to a receiver
 * ({@link org.consilium.videobridge.bwe.SendHistory}) is matched with the transport-cc
 * feedback the receiver returns ({@link org.consilium.videobridge.bwe.TransportCcReader}),
 * and a delay-based controller (packet groups, trendline, adaptive threshold, AIMD) and a
 * loss-based one give the estimate ({@link org.consilium.videobridge.bwe.BandwidthEstimator}).
 * Plain computation on the receive thread: no clocks read, no threads, no allocation per
 * forwarded packet.
 */
package org.consilium.videobridge.bwe;
