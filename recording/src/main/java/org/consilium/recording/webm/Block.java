package org.consilium.recording.webm;

/**
 * One frame as the muxer takes it: a track, its timecode on the recording's timeline, and for
 * a VP8 keyframe the picture size it declares (0 when unknown).
 */
public record Block(int track, long timecodeMillis, byte[] data, boolean keyframe, int width, int height) {
}
