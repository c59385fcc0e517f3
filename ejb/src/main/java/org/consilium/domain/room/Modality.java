package org.consilium.domain.room;

/**
 * How someone took part in a visit at a time, for billing (REQUIREMENTS D4): with video, or
 * with audio only because their connection could not carry any video.
 */
public enum Modality {
    VIDEO,
    AUDIO_ONLY;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
