package org.consilium.videobridge.rtp;

/** RTCP packet types and the feedback formats the bridge acts on. */
public final class RtcpType {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585): FMT 1 NACK, FMT 15 transport-cc. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585): FMT 1 PLI, FMT 4 FIR (RFC 5104), FMT 15 REMB. */
    public static final int PSFB = 206;

    public static final int FMT_NACK = 1;
    public static final int FMT_TRANSPORT_CC = 15;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;

    private RtcpType() {
    }
}
