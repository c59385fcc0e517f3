package org.consilium.web.signaling;

import java.io.Serializable;
import org.consilium.domain.room.Guest;
import org.wildfly.clustering.server.dispatcher.RuntimeCommand;

/**
 * What the nodes of a cluster say to each other about a signaling connection whose call runs
 * on another node than the one holding its WebSocket ({@link CallRouter}). Plain serializable
 * classes of text: WildFly's command dispatcher marshals them, over the cluster's
 * authenticated, encrypted channel. The node holding the WebSocket (the front) vouches for
 * who is connected, as it would for a call of its own; the node running the call (the owner)
 * decides, as it does for its own connections, whether and in which role.
 */
final class RouterCommands {

    private RouterCommands() {
    }

    /** Who connects: a signed-in staff member, a guest, or a tab resuming with its secret alone. */
    static final class Open implements RuntimeCommand<Opened, CallRouter>, Serializable {
        private static final long serialVersionUID = 1L;
        final String link;
        final String front;
        final String roomId;
        final String username;
        final String displayName;
        final String[] roles;
        final Guest guest;
        final String browser;
        final String secret;
        final boolean mediaKept;

        Open(String link, String front, String roomId, String username, String displayName, String[] roles, Guest guest,
             String browser, String secret, boolean mediaKept) {
            this.link = link;
            this.front = front;
            this.roomId = roomId;
            this.username = username;
            this.displayName = displayName;
            this.roles = roles;
            this.guest = guest;
            this.browser = browser;
            this.secret = secret;
            this.mediaKept = mediaKept;
        }

        @Override
        public Opened execute(CallRouter owner) {
            return owner.opening(this);
        }
    }

    /** The owner's answer to {@link Open}: refused (code and text), or whom it connected. */
    static final class Opened implements Serializable {
        private static final long serialVersionUID = 1L;
        final String refusedCode;
        final String refusedText;
        final String principal;
        final String[] roles;
        final String clientAddress;

        Opened(String refusedCode, String refusedText, String principal, String[] roles, String clientAddress) {
            this.refusedCode = refusedCode;
            this.refusedText = refusedText;
            this.principal = principal;
            this.roles = roles;
            this.clientAddress = clientAddress;
        }
    }

    /** A message from the browser, checked by the front, for the owner's call. */
    static final class Message implements RuntimeCommand<Void, CallRouter>, Serializable {
        private static final long serialVersionUID = 1L;
        final String link;
        final String json;

        Message(String link, String json) {
            this.link = link;
            this.json = json;
        }

        @Override
        public Void execute(CallRouter owner) {
            owner.message(link, json);
            return null;
        }
    }

    /** The browser's connection ended at the front: {@code left}, {@code dropped} or {@code signed-out}. */
    static final class Closed implements RuntimeCommand<Void, CallRouter>, Serializable {
        private static final long serialVersionUID = 1L;
        final String link;
        final String how;

        Closed(String link, String how) {
            this.link = link;
            this.how = how;
        }

        @Override
        public Void execute(CallRouter owner) {
            owner.closed(link, how);
            return null;
        }
    }

    /** A message of the owner's call for the browser. */
    static final class Deliver implements RuntimeCommand<Void, CallRouter>, Serializable {
        private static final long serialVersionUID = 1L;
        final String link;
        final String json;

        Deliver(String link, String json) {
            this.link = link;
            this.json = json;
        }

        @Override
        public Void execute(CallRouter front) {
            front.deliver(link, json);
            return null;
        }
    }

    /**
     * The owner's call ends the browser's connection, once what was sent before has gone out;
     * with {@code reconnect}, as a drop the page comes back from (1012).
     */
    static final class Close implements RuntimeCommand<Void, CallRouter>, Serializable {
        private static final long serialVersionUID = 1L;
        final String link;
        final String reason;
        final boolean reconnect;

        Close(String link, String reason, boolean reconnect) {
            this.link = link;
            this.reason = reason;
            this.reconnect = reconnect;
        }

        @Override
        public Void execute(CallRouter front) {
            front.close(link, reason, reconnect);
            return null;
        }
    }
}
