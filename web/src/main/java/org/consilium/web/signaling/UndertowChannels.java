package org.consilium.web.signaling;

import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.Session;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;

/**
 * What the Jakarta WebSocket API cannot do, done on the server's own Undertow channel:
 * stop reading a connection at once. A portable {@code Session.close} sends the close frame
 * but goes on reading (and discarding) until the peer answers it, and a browser sending a
 * huge message answers only once all of it is sent: the server would read all of it. Here
 * the connection stops being read, the close frame goes out (the peer can read it: its
 * receiving is not blocked), and the TCP connection is closed after {@value #GRACE_MILLIS}
 * ms, whatever the peer does.
 */
final class UndertowChannels {

    static final long GRACE_MILLIS = 2000;

    private UndertowChannels() {
    }

    /** @return false when the session is not Undertow's (the caller then closes the portable way) */
    static boolean stopReadingAndClose(Session session, int code, String reason) {
        if (!(session instanceof UndertowSession undertow)) {
            return false;
        }
        WebSocketChannel channel = undertow.getWebSocketChannel();
        // The channel's own I/O thread: the only one that may suspend its reads and write its frames.
        channel.getIoThread().execute(() -> {
            channel.suspendReceives();
            WebSockets.sendClose(new CloseMessage(code, reason), channel, null);
            channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
        return true;
    }
}
