package org.consilium.videobridge.sdp;

import java.util.Arrays;
import java.util.List;
import org.consilium.videobridge.rtp.VideoPayload;

/**
 * The payload types and header extension ids one endpoint negotiated. BUNDLE (RFC 8843
 * §9) makes both unique across the endpoint's sections, so one table serves them all.
 */
public final class EndpointFormats {

    /** Before any SDP (synthetic endpoints, raw Colibri use): nothing is known, nothing is rewritten. */
    public static final EndpointFormats UNNEGOTIATED = new EndpointFormats(false, List.of(), List.of());

    private final PayloadFormat[] byPayloadType = new PayloadFormat[128];
    private final String[] uriById = new String[256];
    /** RTX payload type by the payload type it repairs: asked per forwarded video packet, so a table. */
    private final int[] rtxByPayloadType = new int[128];
    /** {@link VideoPayload} codec by payload type: asked per video packet (keyframes, VP8 fields), so a table. */
    private final int[] codecByPayloadType = new int[128];
    private final boolean negotiated;
    private final int transportCcId;
    private final int midId;
    private final int ridId;
    private final int repairedRidId;
    private final int audioLevelId;

    /**
     * Between two bridges that relay a conference to each other (no SDP between them): one
     * fixed numbering both sides know, with every codec and header extension a browser's
     * answer can carry, so a relayed packet loses nothing its receivers could use.
     */
    public static final EndpointFormats RELAY = new EndpointFormats(true,
            List.of(relayed(111, "opus", 48000, 2, PayloadFormat.NONE),
                    relayed(96, "vp8", 90000, 1, PayloadFormat.NONE), relayed(97, "rtx", 90000, 1, 96),
                    relayed(102, "h264", 90000, 1, PayloadFormat.NONE), relayed(103, "rtx", 90000, 1, 102)),
            List.of(new HeaderExtension(1, HeaderExtension.AUDIO_LEVEL), new HeaderExtension(2, HeaderExtension.ABS_SEND_TIME),
                    new HeaderExtension(3, HeaderExtension.TRANSPORT_CC), new HeaderExtension(4, HeaderExtension.VIDEO_ORIENTATION),
                    new HeaderExtension(5, HeaderExtension.TIME_OFFSET)));

    private static PayloadFormat relayed(int payloadType, String name, int clockRate, int channels, int repaired) {
        List<String> feedback = name.equals("opus") ? List.of("transport-cc")
                : List.of("nack", "nack pli", "ccm fir", "transport-cc");
        return new PayloadFormat(payloadType, name, clockRate, channels,
                repaired == PayloadFormat.NONE ? "" : "apt=" + repaired, feedback, repaired);
    }

    EndpointFormats(List<NegotiatedSection> sections) {
        this(!sections.isEmpty(), sections.stream().flatMap(s -> s.formats().stream()).toList(),
                sections.stream().flatMap(s -> s.extensions().stream()).toList());
    }

    private EndpointFormats(boolean negotiated, List<PayloadFormat> formats, List<HeaderExtension> extensions) {
        this.negotiated = negotiated;
        for (PayloadFormat format : formats) {
            byPayloadType[format.payloadType()] = format;
        }
        for (HeaderExtension extension : extensions) {
            uriById[extension.id()] = extension.uri();
        }
        this.transportCcId = extensionId(HeaderExtension.TRANSPORT_CC);
        this.midId = extensionId(HeaderExtension.MID);
        this.ridId = extensionId(HeaderExtension.RID);
        this.repairedRidId = extensionId(HeaderExtension.REPAIRED_RID);
        this.audioLevelId = extensionId(HeaderExtension.AUDIO_LEVEL);
        Arrays.fill(rtxByPayloadType, PayloadFormat.NONE);
        for (int pt = 0; pt < 128; pt++) {
            codecByPayloadType[pt] = byPayloadType[pt] == null ? VideoPayload.OTHER : VideoPayload.codec(byPayloadType[pt].name());
        }
        for (PayloadFormat format : byPayloadType) {
            int repaired = format == null || !format.isRtx() ? PayloadFormat.NONE : format.associatedPayloadType();
            if (repaired >= 0 && repaired < 128 && rtxByPayloadType[repaired] == PayloadFormat.NONE) {
                rtxByPayloadType[repaired] = format.payloadType();
            }
        }
    }

    /** The transport-cc extension id (0: not negotiated), looked up per packet, so kept. */
    public int transportCcId() {
        return transportCcId;
    }

    /** The sdes:mid extension id (0: not negotiated); read when a simulcast layer is learnt. */
    public int midId() {
        return midId;
    }

    /** The rtp-stream-id (RID) extension id, 0 when not negotiated. */
    public int ridId() {
        return ridId;
    }

    /** The repaired-rtp-stream-id extension id, 0 when not negotiated. */
    public int repairedRidId() {
        return repairedRidId;
    }

    /** The RFC 6464 audio level extension id (0: not negotiated), read per audio packet, so kept. */
    public int audioLevelId() {
        return audioLevelId;
    }

    public boolean isNegotiated() {
        return negotiated;
    }

    public PayloadFormat format(int payloadType) {
        return payloadType >= 0 && payloadType < 128 ? byPayloadType[payloadType] : null;
    }

    /** This endpoint's payload type for the codec, or {@link PayloadFormat#NONE}. */
    public int payloadTypeFor(PayloadFormat codec) {
        for (PayloadFormat format : byPayloadType) {
            if (format != null && format.sameCodecAs(codec)) {
                return format.payloadType();
            }
        }
        return PayloadFormat.NONE;
    }

    /** Some RTX payload type of this endpoint (for padding probes, whose payload no codec reads), or NONE. */
    public int anyRtxPayloadType() {
        for (PayloadFormat format : byPayloadType) {
            if (format != null && format.isRtx()) {
                return format.payloadType();
            }
        }
        return PayloadFormat.NONE;
    }

    /** What the bridge knows of the payload under {@code payloadType}: {@link VideoPayload#VP8}, {@code H264} or {@code OTHER}. */
    public int videoCodec(int payloadType) {
        return payloadType >= 0 && payloadType < 128 ? codecByPayloadType[payloadType] : VideoPayload.OTHER;
    }

    /** The RTX payload type repairing {@code payloadType}, or {@link PayloadFormat#NONE}. */
    public int rtxFor(int payloadType) {
        return payloadType >= 0 && payloadType < 128 ? rtxByPayloadType[payloadType] : PayloadFormat.NONE;
    }

    public String extensionUri(int id) {
        return id > 0 && id < 256 ? uriById[id] : null;
    }

    /** This endpoint's id for the extension, or 0 when not negotiated. */
    public int extensionId(String uri) {
        for (int id = 1; id < uriById.length; id++) {
            if (uri.equals(uriById[id])) {
                return id;
            }
        }
        return 0;
    }

    /**
     * How to rewrite a packet from {@code publisher} for this endpoint: for each of the
     * publisher's payload types, this endpoint's (or NONE), and for each extension id,
     * this endpoint's (or 0: drop the element).
     */
    public FormatMapping mappingFrom(EndpointFormats publisher) {
        if (!negotiated || !publisher.negotiated) {
            return FormatMapping.IDENTITY;
        }
        int[] payloadTypes = new int[128];
        for (int pt = 0; pt < 128; pt++) {
            PayloadFormat format = publisher.byPayloadType[pt];
            payloadTypes[pt] = format == null || format.isRtx() ? PayloadFormat.NONE : payloadTypeFor(format);
        }
        int[] extensionIds = new int[256];
        for (int id = 1; id < 256; id++) {
            String uri = publisher.uriById[id];
            extensionIds[id] = uri == null || HeaderExtension.SIMULCAST.contains(uri) ? 0 : extensionId(uri);
        }
        return new FormatMapping(payloadTypes, extensionIds, transportCcId);
    }
}
