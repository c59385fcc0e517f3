package org.consilium.videobridge;

/**
 * Something that can tell a bridge's status: the bridge itself, or whatever owns it in a
 * container (where a health check may not see the owner's classes, only this interface).
 */
public interface BridgeStatusSource {

    BridgeStatus status();
}
