package org.consilium.videobridge.sdp;

/**
 * Payload type and header extension id translation from one publisher to one receiver
 * (browsers number them differently: Chromium's VP8 is 96, Firefox's 120).
 *
 * @param payloadTypes receiver's payload type by publisher's, {@link PayloadFormat#NONE} when the receiver lacks the codec
 * @param extensionIds receiver's extension id by publisher's, 0 to drop the element; null means unchanged
 * @param transportCcId the receiver's transport-cc id, whose sequence the bridge numbers per receiver; 0 if none
 */
public record FormatMapping(int[] payloadTypes, int[] extensionIds, int transportCcId) {

    /** Pass everything through unchanged (no SDP on either side). */
    public static final FormatMapping IDENTITY = new FormatMapping(null, null, 0);

    public boolean isIdentity() {
        return payloadTypes == null;
    }

    /** The receiver's payload type, or {@link PayloadFormat#NONE}. */
    public int payloadType(int publisherPayloadType) {
        return payloadTypes == null ? publisherPayloadType : payloadTypes[publisherPayloadType];
    }
}
