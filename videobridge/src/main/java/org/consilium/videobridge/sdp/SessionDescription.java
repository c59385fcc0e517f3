package org.consilium.videobridge.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP: session-level attributes and media sections, kept as lines so that nothing
 * the bridge does not understand is misread. Bounded in size, since it comes from a browser
 * we do not trust.
 */
public final class SessionDescription {

    static final int MAX_LENGTH = 256 * 1024;
    static final int MAX_MEDIA_SECTIONS = 512;

    private final List<String> attributes;
    private final List<MediaDescription> media;

    private SessionDescription(List<String> attributes, List<MediaDescription> media) {
        this.attributes = attributes;
        this.media = media;
    }

    public static SessionDescription parse(String text) throws InvalidSdpException {
        if (text == null || text.isBlank()) {
            throw new InvalidSdpException("the SDP is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSdpException("the SDP is longer than " + MAX_LENGTH + " characters");
        }
        String[] lines = text.split("\r?\n");
        if (!lines[0].equals("v=0")) {
            throw new InvalidSdpException("the SDP must start with v=0");
        }
        List<String> sessionAttributes = new ArrayList<>();
        List<MediaDescription> sections = new ArrayList<>();
        MediaDescription.Builder current = null;
        for (int number = 1; number < lines.length; number++) {
            String line = lines[number];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new InvalidSdpException("line " + (number + 1) + " is not '<letter>=<value>'");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (current != null) {
                    sections.add(current.build());
                }
                if (sections.size() >= MAX_MEDIA_SECTIONS) {
                    throw new InvalidSdpException("more than " + MAX_MEDIA_SECTIONS + " media sections");
                }
                current = MediaDescription.builder(value, number + 1);
            } else if (type == 'a') {
                if (current == null) {
                    sessionAttributes.add(value);
                } else {
                    current.attribute(value);
                }
            }
        }
        if (current != null) {
            sections.add(current.build());
        }
        return new SessionDescription(List.copyOf(sessionAttributes), List.copyOf(sections));
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The first session-level attribute {@code name} ({@code a=name:value} or {@code a=name}). */
    public Optional<String> attribute(String name) {
        return Attributes.first(attributes, name);
    }

    public List<String> attributes(String name) {
        return Attributes.all(attributes, name);
    }

    /** A media attribute, falling back to the session level (ICE and DTLS may be at either). */
    public Optional<String> attribute(MediaDescription section, String name) {
        return section.attribute(name).or(() -> attribute(name));
    }
}
