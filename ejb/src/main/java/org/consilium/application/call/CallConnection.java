package org.consilium.application.call;

import jakarta.json.JsonObject;

/** A member's way back: the signaling connection (the web layer implements it). */
public interface CallConnection {

    /** No connection yet: a place adopted from a node that died, until its tab comes back. */
    CallConnection NONE = new CallConnection() {
        @Override
        public void send(JsonObject message) {
        }

        @Override
        public void close(String reason) {
        }
    };

    /**
     * Sends one message, in order after the ones before; never blocks and never throws
     * (called under the call's lock). A connection that cannot keep up closes itself, and
     * its close is a leave like any other.
     */
    void send(JsonObject message);

    /** Ends the connection once the messages already sent have gone out (removed, denied, room closed). */
    void close(String reason);

    /**
     * Ends the connection so that the page connects again at once, to its held place: a drop,
     * not a leave (WebSocket 1012). For a member whose media must start again elsewhere.
     */
    default void closeToReconnect(String reason) {
        close(reason);
    }
}
