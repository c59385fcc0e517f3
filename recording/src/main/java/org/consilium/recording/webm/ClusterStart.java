package org.consilium.recording.webm;

/**
 * Where a cluster starts: its timecode and its byte offset in the file. What a player's seek
 * index (or a recording manifest) needs, since a streamed file carries no Cues.
 */
public record ClusterStart(long timecodeMillis, long byteOffset) {
}
