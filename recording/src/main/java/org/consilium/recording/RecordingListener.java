package org.consilium.recording;

import java.io.IOException;

/**
 * What a recording tells the bridge. Called on the recording's writer thread: implementations
 * hand over and return (the bridge sends its PLI from its own thread).
 */
public interface RecordingListener {

    /** The video needs a keyframe (at the start, and after a loss): ask the publisher (PLI/FIR). */
    void keyframeNeeded();

    /** Writing failed (a full disk): the recording has stopped; the call goes on. */
    default void writeFailed(IOException failure) {
    }

    RecordingListener NONE = () -> { };
}
