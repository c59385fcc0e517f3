package org.consilium.web.signaling;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Logger;
import org.consilium.application.call.CallConnection;

/**
 * A member's connection over one WebSocket. Messages go out through an {@link OutgoingQueue}
 * on the asynchronous remote, so the call never waits for a browser; one that falls more
 * than {@value #MAX_WAITING} messages or about 1 MiB behind (or whose send fails or takes
 * longer than {@value #SEND_TIMEOUT_MILLIS} ms) is closed with 1013 "try again later":
 * the close is a leave, and the browser may reconnect. Never throws.
 */
final class WebSocketConnection implements CallConnection {

    static final int MAX_WAITING = 256;
    static final long MAX_WAITING_CHARS = 1024 * 1024;
    static final long SEND_TIMEOUT_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());

    private final Session session;
    private final OutgoingQueue queue;
    private volatile CloseReason closeWith;

    WebSocketConnection(Session session) {
        this.session = session;
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MILLIS);
        this.queue = new OutgoingQueue(this::sendAsync, new OutgoingQueue.Closer() {
            @Override
            public void drained() {
                closeNow(closeWith);
            }

            @Override
            public void failed(String why) {
                if (session.isOpen()) { // a send to a connection that is closing fails too: nothing to say then
                    LOG.info(() -> "Closing signaling connection " + session.getId() + ": " + why);
                    closeNow(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, why));
                }
            }
        }, MAX_WAITING, MAX_WAITING_CHARS);
    }

    @Override
    public void send(JsonObject message) {
        queue.offer(message.toString());
    }

    /** A message as text already (from the node that runs the call: {@link CallRouter}). */
    void sendText(String message) {
        queue.offer(message);
    }

    @Override
    public void close(String reason) {
        closeAfterSent(CloseReason.CloseCodes.NORMAL_CLOSURE, reason);
    }

    @Override
    public void closeToReconnect(String reason) {
        closeAfterSent(CloseReason.CloseCodes.SERVICE_RESTART, reason);
    }

    /** Closes with {@code code} once the messages already sent have gone out. */
    void closeAfterSent(CloseReason.CloseCode code, String reason) {
        synchronized (this) {
            if (closeWith == null) { // the first close says why
                closeWith = new CloseReason(code, reason);
            }
        }
        queue.closeWhenDrained();
    }

    /** Closes now, whatever is still queued (the browser is gone). */
    void closeAtOnce(CloseReason.CloseCode code, String reason) {
        closeNow(new CloseReason(code, reason));
    }

    /** Sends a ping (browsers answer by themselves); never throws. */
    void ping() {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException closed) {
            // the close handler has run or will
        }
    }

    private void sendAsync(String text, java.util.function.Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : failure(result.getException())));
        } catch (RuntimeException closed) { // IllegalStateException once the session has closed
            done.accept(closed);
        }
    }

    private static Throwable failure(Throwable reported) {
        return reported != null ? reported : new IOException("the send did not complete");
    }

    private void closeNow(CloseReason reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException alreadyClosed) {
            // nothing to do: the close handler has run or will
        }
    }
}
