package org.consilium.videobridge.conference;

/**
 * Told when the set of sources in a conference changes (someone joined, left or changed
 * what they send), so the signaling can ask every other browser to renegotiate.
 */
@FunctionalInterface
public interface ConferenceListener {

    void sourcesChanged(Conference conference);
}
