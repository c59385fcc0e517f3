package org.consilium.application.call;

import jakarta.json.JsonObject;

/** A member's way back: the signaling connection (the web layer implements it). */
public interface CallConnection {

    /** Sends one message; must not block for long and must not throw. */
    void send(JsonObject message);

    /** Ends the connection after the last message (removed, denied, room closed). */
    void close(String reason);
}
