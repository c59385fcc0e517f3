package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;

/**
 * What the bridge reads of a video payload without decoding it: whether a packet starts a
 * keyframe (a layer switch may only happen there), a VP8 keyframe's height (the allocator
 * matches layers to what a receiver shows), and where the VP8 payload descriptor keeps its
 * picture ID and TL0PICIDX (RFC 7741 §4.2), which a receiver must see continue across a
 * switch. H.264 (RFC 6184) keyframes are an IDR or a parameter set at the start of a frame.
 */
public final class VideoPayload {

    /** Codecs the bridge knows the payload of; anything else never switches layers. */
    public static final int OTHER = 0;
    public static final int VP8 = 1;
    public static final int H264 = 2;

    /** No field (what the offset methods say when the descriptor lacks it). */
    public static final int NONE = -1;

    private VideoPayload() {
    }

    public static int codec(String name) {
        return switch (name) {
            case "vp8" -> VP8;
            case "h264" -> H264;
            default -> OTHER;
        };
    }

    /** Whether this packet is the first of a keyframe. */
    public static boolean startsKeyframe(MediaPacket packet, int codec) {
        int at = payloadStart(packet);
        if (at < 0) {
            return false;
        }
        int end = payloadEnd(packet);
        return switch (codec) {
            case VP8 -> vp8Keyframe(packet, at, end);
            case H264 -> h264Keyframe(packet, at, end);
            default -> false;
        };
    }

    private static boolean vp8Keyframe(MediaPacket packet, int at, int end) {
        int vp8 = vp8PayloadAt(packet, at, end);
        if (vp8 < 0 || vp8 >= end) {
            return false;
        }
        int first = packet.u8(at);
        boolean start = (first & 0x10) != 0 && (first & 0x07) == 0; // S, partition 0
        return start && (packet.u8(vp8) & 0x01) == 0; // P = 0: a key frame (RFC 6386 §9.1)
    }

    private static boolean h264Keyframe(MediaPacket packet, int at, int end) {
        if (at >= end) {
            return false;
        }
        int type = packet.u8(at) & 0x1F;
        if (type == 5 || type == 7) {
            return true;
        }
        if (type == 24) { // STAP-A: length-prefixed NAL units
            int unit = at + 1;
            while (unit + 2 < end) {
                int size = packet.u16(unit);
                if (size == 0 || unit + 2 + size > end) {
                    return false;
                }
                int inner = packet.u8(unit + 2) & 0x1F;
                if (inner == 5 || inner == 7) {
                    return true;
                }
                unit += 2 + size;
            }
            return false;
        }
        if (type == 28 && at + 1 < end) { // FU-A: the start fragment of an IDR
            int header = packet.u8(at + 1);
            return (header & 0x80) != 0 && ((header & 0x1F) == 5 || (header & 0x1F) == 7);
        }
        return false;
    }

    /** The height a VP8 keyframe's first packet declares, or {@link #NONE}. */
    public static int vp8KeyframeHeight(MediaPacket packet) {
        return vp8KeyframeDimension(packet, 8);
    }

    /**
     * The width a VP8 keyframe's first packet declares (RFC 6386 §9.1: 14 bits, the upper two
     * are the scaling), or {@link #NONE}.
     */
    public static int vp8KeyframeWidth(MediaPacket packet) {
        return vp8KeyframeDimension(packet, 6);
    }

    /** A keyframe header's 14-bit dimension at {@code offset} of the VP8 bitstream (6: width, 8: height). */
    private static int vp8KeyframeDimension(MediaPacket packet, int offset) {
        int at = payloadStart(packet);
        int end = payloadEnd(packet);
        if (at < 0 || !vp8Keyframe(packet, at, end)) {
            return NONE;
        }
        int vp8 = vp8PayloadAt(packet, at, end);
        // frame tag (3) + start code 9d 01 2a (3) + width (2, little endian) + height (2)
        if (vp8 + 10 > end || packet.u8(vp8 + 3) != 0x9d || packet.u8(vp8 + 4) != 0x01 || packet.u8(vp8 + 5) != 0x2a) {
            return NONE;
        }
        return (packet.u8(vp8 + offset) | (packet.u8(vp8 + offset + 1) << 8)) & 0x3FFF;
    }

    /**
     * Where the VP8 bitstream begins after the payload descriptor (RFC 7741 §4.2), or
     * {@link #NONE} when the descriptor runs past the payload: what a depacketizer keeps of
     * each packet of a frame.
     */
    public static int vp8PayloadStart(MediaPacket packet) {
        int at = payloadStart(packet);
        if (at < 0) {
            return NONE;
        }
        int vp8 = vp8PayloadAt(packet, at, payloadEnd(packet));
        return vp8 < 0 ? NONE : vp8;
    }

    /** Offset of the VP8 picture ID (its first byte, with the M bit), or {@link #NONE}. */
    public static int vp8PictureIdAt(MediaPacket packet) {
        int at = payloadStart(packet);
        int end = payloadEnd(packet);
        if (at < 0 || at + 2 >= end || (packet.u8(at) & 0x80) == 0 || (packet.u8(at + 1) & 0x80) == 0) {
            return NONE;
        }
        return at + 2;
    }

    /** Offset of the VP8 TL0PICIDX, or {@link #NONE}. */
    public static int vp8Tl0PicIdxAt(MediaPacket packet) {
        int at = payloadStart(packet);
        int end = payloadEnd(packet);
        if (at < 0 || at + 2 >= end || (packet.u8(at) & 0x80) == 0 || (packet.u8(at + 1) & 0x40) == 0) {
            return NONE;
        }
        int field = at + 2;
        if ((packet.u8(at + 1) & 0x80) != 0) {
            field += (packet.u8(field) & 0x80) != 0 ? 2 : 1;
        }
        return field < end ? field : NONE;
    }

    /**
     * The VP8 temporal layer (TID, RFC 7741 §4.2: the T bit and the TID/Y/KEYIDX byte), or
     * {@link #NONE} when the descriptor has none: such a stream is forwarded whole.
     */
    public static int vp8Temporal(MediaPacket packet) {
        int field = vp8TemporalByte(packet);
        return field == NONE ? NONE : field >>> 6;
    }

    /**
     * Whether a VP8 frame is a layer sync (Y bit): it depends on the base temporal layer
     * only, so a receiver may start a higher temporal layer there.
     */
    public static boolean vp8LayerSync(MediaPacket packet) {
        int field = vp8TemporalByte(packet);
        return field != NONE && (field & 0x20) != 0;
    }

    private static int vp8TemporalByte(MediaPacket packet) {
        int at = payloadStart(packet);
        int end = payloadEnd(packet);
        if (at < 0 || at + 2 >= end || (packet.u8(at) & 0x80) == 0) {
            return NONE;
        }
        int extension = packet.u8(at + 1);
        if ((extension & 0x20) == 0) {
            return NONE; // no T bit
        }
        int field = at + 2;
        if ((extension & 0x80) != 0) {
            field += (packet.u8(field) & 0x80) != 0 ? 2 : 1;
        }
        if ((extension & 0x40) != 0) {
            field++;
        }
        return field < end ? packet.u8(field) : NONE;
    }

    /** Whether the packet is the first of a VP8 frame (S set, partition 0). */
    public static boolean vp8FrameStart(MediaPacket packet) {
        int at = payloadStart(packet);
        if (at < 0 || at >= payloadEnd(packet)) {
            return false;
        }
        int first = packet.u8(at);
        return (first & 0x10) != 0 && (first & 0x07) == 0;
    }

    /** Reads a picture ID at {@code at} (7 or 15 bits, by its M bit). */
    public static int readPictureId(MediaPacket packet, int at) {
        int first = packet.u8(at);
        return (first & 0x80) != 0 ? ((first & 0x7F) << 8) | packet.u8(at + 1) : first & 0x7F;
    }

    /** Writes a picture ID at {@code at} in the width already there. */
    public static void writePictureId(MediaPacket packet, int at, int pictureId) {
        byte[] bytes = packet.getBuffer();
        int base = packet.getOffset() + at;
        if ((bytes[base] & 0x80) != 0) {
            bytes[base] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
            bytes[base + 1] = (byte) pictureId;
        } else {
            bytes[base] = (byte) (pictureId & 0x7F);
        }
    }

    /** Whether the picture ID at {@code at} is 15 bits wide. */
    public static boolean longPictureId(MediaPacket packet, int at) {
        return (packet.u8(at) & 0x80) != 0;
    }

    /** Where the VP8 payload (after the descriptor) begins, or -1 when the descriptor runs past the end. */
    private static int vp8PayloadAt(MediaPacket packet, int at, int end) {
        if (at >= end) {
            return -1;
        }
        int next = at + 1;
        if ((packet.u8(at) & 0x80) != 0) {
            if (next >= end) {
                return -1;
            }
            int extension = packet.u8(next++);
            if ((extension & 0x80) != 0) {
                if (next >= end) {
                    return -1;
                }
                next += (packet.u8(next) & 0x80) != 0 ? 2 : 1;
            }
            if ((extension & 0x40) != 0) {
                next++;
            }
            if ((extension & 0x30) != 0) {
                next++;
            }
        }
        return next <= end ? next : -1;
    }

    private static int payloadStart(MediaPacket packet) {
        int header = Rtp.headerLength(packet);
        return header < 0 || header >= packet.getLength() ? -1 : header;
    }

    private static int payloadEnd(MediaPacket packet) {
        return Rtp.payloadEnd(packet);
    }
}
