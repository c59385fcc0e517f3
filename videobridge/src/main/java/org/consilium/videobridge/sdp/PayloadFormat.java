package org.consilium.videobridge.sdp;

import java.util.List;
import java.util.Locale;

/**
 * A payload type as negotiated: codec name (lower case), clock rate, channels, fmtp
 * parameters and RTCP feedback; for RTX, the payload type it repairs ({@code apt}).
 */
public record PayloadFormat(int payloadType, String name, int clockRate, int channels, String parameters,
                            List<String> feedback, int associatedPayloadType) {

    public static final int NONE = -1;

    public PayloadFormat {
        name = name.toLowerCase(Locale.ROOT);
        parameters = parameters == null ? "" : parameters;
        feedback = List.copyOf(feedback);
    }

    public boolean isRtx() {
        return name.equals("rtx");
    }

    /** Codec identity across browsers: name and clock rate (and channels for audio). */
    public boolean sameCodecAs(PayloadFormat other) {
        return name.equals(other.name) && clockRate == other.clockRate && channels == other.channels;
    }

    public PayloadFormat withFeedback(List<String> kept) {
        return new PayloadFormat(payloadType, name, clockRate, channels, parameters, kept, associatedPayloadType);
    }

    String rtpmap() {
        return payloadType + " " + encodingName() + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }

    private String encodingName() {
        return switch (name) {
            case "vp8" -> "VP8";
            case "vp9" -> "VP9";
            case "h264" -> "H264";
            default -> name;
        };
    }
}
