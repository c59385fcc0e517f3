package org.consilium.web.signaling;

import jakarta.json.JsonObject;
import java.util.Arrays;
import org.consilium.application.call.CallRefusals;

/**
 * The front's side of a connection whose call runs on another node: the browser's checked
 * messages go there in order ({@link RouterCommands.Message}), and so does the end of the
 * connection. What the call sends comes back through {@link CallRouter#deliver}.
 */
final class RoutedLink implements CallLink {

    final String id;
    final String roomId;
    final WebSocketConnection connection;
    private final OrderedSends sends;
    private final Runnable forget;
    private volatile RouterCommands.Opened who;

    RoutedLink(String id, String roomId, WebSocketConnection connection, OrderedSends sends, Runnable forget) {
        this.id = id;
        this.roomId = roomId;
        this.connection = connection;
        this.sends = sends;
        this.forget = forget;
    }

    String owner() {
        return sends.to().getName();
    }

    void opened(RouterCommands.Opened opened) {
        who = opened;
    }

    @Override
    public void handle(JsonObject message) {
        sends.send(new RouterCommands.Message(id, message.toString()));
    }

    @Override
    public void left() {
        end("left");
    }

    @Override
    public void dropped() {
        end("dropped");
    }

    @Override
    public void signedOut() {
        end("signed-out");
    }

    private void end(String how) {
        forget.run();
        sends.send(new RouterCommands.Closed(id, how));
    }

    @Override
    public CallRefusals.Refusal refusal(String reason, String attempted) {
        RouterCommands.Opened opened = who;
        return opened == null ? null : new CallRefusals.Refusal(opened.principal, Arrays.asList(opened.roles),
                opened.clientAddress, roomId, reason, attempted);
    }
}
