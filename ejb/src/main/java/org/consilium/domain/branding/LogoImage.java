package org.consilium.domain.branding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The hospital's logo: a PNG or JPEG image of at most {@value #MAX_BYTES} bytes and
 * {@value #MAX_SIDE} pixels a side. What a file is comes from its first bytes (the file's
 * name and the browser's content type are not believed), and the whole image is decoded to
 * prove it is one and to learn its size. SVG is refused: it is a document that may carry
 * script and links, not a picture.
 */
public record LogoImage(byte[] bytes, Type type, int width, int height, String sha256) {

    public static final int MAX_BYTES = 256 * 1024;
    /** Larger is of no use in a header, and the pixels of a small file could otherwise fill the memory. */
    public static final int MAX_SIDE = 2048;

    /** The kinds accepted, with their media type and the bytes every such file starts with. */
    public enum Type {
        PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
        JPEG("image/jpeg", "jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});

        private final String mediaType;
        private final String imageIoFormat;
        private final byte[] magic;

        Type(String mediaType, String imageIoFormat, byte[] magic) {
            this.mediaType = mediaType;
            this.imageIoFormat = imageIoFormat;
            this.magic = magic;
        }

        public String mediaType() {
            return mediaType;
        }

        static Type ofMediaType(String mediaType) {
            return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a logo's media type: " + mediaType));
        }

        boolean starts(byte[] bytes) {
            return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
        }
    }

    public LogoImage {
        bytes = bytes.clone();
    }

    /** A copy of the file's bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The file's length in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Writes the file (without copying it first). */
    public void writeTo(java.io.OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** As stored: trusted, checked when it was uploaded. */
    public static LogoImage stored(byte[] bytes, String mediaType, int width, int height, String sha256) {
        return new LogoImage(bytes, Type.ofMediaType(mediaType), width, height, sha256);
    }

    /**
     * The uploaded file {@code bytes} as a logo, or IllegalArgumentException with a sentence
     * (no full stop) saying why not.
     */
    public static LogoImage read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("Choose a PNG or JPEG file to upload");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("The file is " + kibibytes(bytes.length) + " KiB; a logo may be at most "
                    + MAX_BYTES / 1024 + " KiB");
        }
        Type type = Arrays.stream(Type.values()).filter(t -> t.starts(bytes)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(whatItIsInstead(bytes)));
        // In memory: ImageIO.createImageInputStream may spill to a temporary file.
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.imageIoFormat);
            if (!readers.hasNext()) {
                throw new IllegalStateException("this Java has no " + type + " reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE) { // known before a single pixel is decoded
                    throw new TooLarge("The image is " + width + " × " + height + " pixels; a logo may be "
                            + "at most " + MAX_SIDE + " pixels wide and high");
                }
                if (reader.read(0) == null) {
                    throw new IOException("no image");
                }
                return new LogoImage(bytes, type, width, height, sha256(bytes));
            } finally {
                reader.dispose();
            }
        } catch (TooLarge refusal) {
            throw refusal;
        } catch (IOException | RuntimeException unreadable) { // the readers' own exceptions for damaged data
            throw new IllegalArgumentException("The file starts as a " + type + " image but cannot be read as one: it is "
                    + "damaged or incomplete. Export the logo again as PNG or JPEG");
        }
    }

    /** An image too large to be a logo, said before its pixels are decoded. */
    private static final class TooLarge extends IllegalArgumentException {

        TooLarge(String message) {
            super(message);
        }
    }

    /** Why a file that is neither PNG nor JPEG was refused, naming what it seems to be. */
    private static String whatItIsInstead(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).stripLeading()
                .replace("\uFEFF", "").toLowerCase(java.util.Locale.ROOT);
        if (start.startsWith("<?xml") || start.startsWith("<svg") || start.contains("<svg")) {
            return "SVG files are not accepted: an SVG is a document that can carry script and links. Upload the logo "
                    + "as a PNG or JPEG image";
        }
        if (start.startsWith("gif8")) {
            return "This is a GIF image; upload the logo as a PNG or JPEG image";
        }
        if (bytes.length >= 12 && "RIFF".equals(new String(bytes, 0, 4, StandardCharsets.US_ASCII))
                && "WEBP".equals(new String(bytes, 8, 4, StandardCharsets.US_ASCII))) {
            return "This is a WebP image; upload the logo as a PNG or JPEG image";
        }
        return "This file is not a PNG or JPEG image (whatever its name says); upload the logo as a PNG or JPEG image";
    }

    private static String kibibytes(int bytes) {
        return java.math.BigDecimal.valueOf(bytes / 1024.0).setScale(1, java.math.RoundingMode.UP).toPlainString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** What the audit trail says of it: type, size and digest, never the picture. */
    public String audited() {
        return type.mediaType + " " + width + "x" + height + " " + bytes.length + " bytes sha256=" + sha256;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogoImage logo && logo.sha256.equals(sha256) && logo.type == type;
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return audited();
    }
}
