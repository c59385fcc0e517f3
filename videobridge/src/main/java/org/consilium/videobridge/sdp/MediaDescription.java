package org.consilium.videobridge.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One {@code m=} section: kind, port, protocol, formats and its attributes. */
public final class MediaDescription {

    private final String kind;
    private final int port;
    private final String protocol;
    private final List<String> formats;
    private final List<String> attributes;

    private MediaDescription(String kind, int port, String protocol, List<String> formats, List<String> attributes) {
        this.kind = kind;
        this.port = port;
        this.protocol = protocol;
        this.formats = formats;
        this.attributes = attributes;
    }

    static Builder builder(String mediaLine, int lineNumber) throws InvalidSdpException {
        String[] parts = mediaLine.strip().split(" +");
        if (parts.length < 4) {
            throw new InvalidSdpException("line " + lineNumber + ": m= needs kind, port, protocol and formats");
        }
        int port;
        try {
            port = Integer.parseInt(parts[1].contains("/") ? parts[1].substring(0, parts[1].indexOf('/')) : parts[1]);
        } catch (NumberFormatException notANumber) {
            throw new InvalidSdpException("line " + lineNumber + ": the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidSdpException("line " + lineNumber + ": the port is out of range");
        }
        return new Builder(parts[0], port, parts[2], List.of(parts).subList(3, parts.length));
    }

    /** audio, video, application... */
    public String kind() {
        return kind;
    }

    public int port() {
        return port;
    }

    public String protocol() {
        return protocol;
    }

    public List<String> formats() {
        return formats;
    }

    /**
     * Port zero without bundle-only: the offerer stopped this section. (Firefox offers
     * new bundled sections with port zero and a=bundle-only, RFC 8843 §6: those are live.)
     */
    public boolean isRejected() {
        return port == 0 && attribute("bundle-only").isEmpty();
    }

    public Optional<String> mid() {
        return attribute("mid");
    }

    /** The direction attribute; sendrecv when absent (RFC 8866 §6.7). */
    public Direction direction() {
        for (Direction direction : Direction.values()) {
            if (attribute(direction.sdp()).isPresent()) {
                return direction;
            }
        }
        return Direction.SENDRECV;
    }

    public Optional<String> attribute(String name) {
        return Attributes.first(attributes, name);
    }

    public List<String> attributes(String name) {
        return Attributes.all(attributes, name);
    }

    static final class Builder {
        private final String kind;
        private final int port;
        private final String protocol;
        private final List<String> formats;
        private final List<String> attributes = new ArrayList<>();

        private Builder(String kind, int port, String protocol, List<String> formats) {
            this.kind = kind;
            this.port = port;
            this.protocol = protocol;
            this.formats = List.copyOf(formats);
        }

        void attribute(String value) {
            attributes.add(value);
        }

        MediaDescription build() {
            return new MediaDescription(kind, port, protocol, formats, List.copyOf(attributes));
        }
    }
}
