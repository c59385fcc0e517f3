package org.consilium.web.signaling;

import jakarta.json.JsonObject;
import org.consilium.application.call.CallConnection;
import org.consilium.application.call.CallRegistry;

/**
 * The owner's side of a connection whose WebSocket is on another node (the front): to the call,
 * a member's connection like any other; what the call sends goes to the front in order.
 */
final class RoutedMember implements CallConnection {

    final String link;
    private final OrderedSends sends;
    private volatile CallRegistry.Connected connected;

    RoutedMember(String link, OrderedSends sends) {
        this.link = link;
        this.sends = sends;
    }

    String front() {
        return sends.to().getName();
    }

    CallRegistry.Connected connected() {
        return connected;
    }

    void connected(CallRegistry.Connected connected) {
        this.connected = connected;
    }

    @Override
    public void send(JsonObject message) {
        sends.send(new RouterCommands.Deliver(link, message.toString()));
    }

    @Override
    public void close(String reason) {
        sends.send(new RouterCommands.Close(link, reason, false));
    }

    @Override
    public void closeToReconnect(String reason) {
        sends.send(new RouterCommands.Close(link, reason, true));
    }
}
