package org.consilium.web.signaling;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.call.CallConnection;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallMessages;
import org.consilium.application.call.CallRefused;
import org.consilium.application.call.CallRegistry;
import org.consilium.application.call.LiveCall;
import org.consilium.web.json.BadJson;
import org.consilium.web.json.StrictJson;

/**
 * What one signaling message asks of the call (docs/signaling.md), done on the node that runs
 * the call: the endpoint's own when the call runs where the browser connected, the router's
 * when it runs on another node ({@link CallRouter}). The message has passed the connection's
 * checks already ({@link Inbound}); {@code leave} and the constraints' rate are the
 * connection's to handle. What the call refuses goes back as an {@code error} message.
 */
final class CallCommands {

    private static final Logger LOG = Logger.getLogger(CallCommands.class.getName());

    /** Told of refusals that matter, for the audit trail. */
    interface Refusals {
        void refused(String reason, String attempted);
    }

    private CallCommands() {
    }

    /** Never throws: what goes wrong is said to the member. */
    static void apply(CallRegistry.Connected connected, JsonObject message, CallConnection replies, Refusals refusals) {
        try {
            handle(connected, message, replies);
        } catch (CallRefused refused) {
            if ("forbidden".equals(refused.code()) || Inbound.RATE_LIMITED.equals(refused.code())) {
                refusals.refused(refused.code(), message.get("type") instanceof JsonString type ? type.getString() : "?");
            }
            replies.send(CallMessages.error(refused.code(), refused.getMessage()));
        } catch (BadJson wrongField) {
            replies.send(CallMessages.error("invalid", wrongField.getMessage()));
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "signaling message failed", bug);
            replies.send(CallMessages.error("internal", "the server could not handle that message"));
        }
    }

    private static void handle(CallRegistry.Connected connected, JsonObject message, CallConnection replies) {
        LiveCall call = connected.call();
        CallMember me = connected.member();
        String type = StrictJson.optionalString(message, "type").orElse("");
        switch (type) {
            case "join", "leave" -> {
                // Connecting joined already (or queued); a repeated join just restates where you are. The connection closes on leave.
            }
            case "offer" -> replies.send(CallMessages.answer(call.offer(me, string(message, "sdp"))));
            case "receiver-constraints" -> call.receiverConstraints(me, ReceiverConstraintsReader.read(message));
            case "mute" -> call.mute(me, bool(message, "audio"), bool(message, "video"));
            case "screen-share" -> call.screenShare(me, bool(message, "active"),
                    StrictJson.optionalWhole(message, "source", 0, 0xFFFFFFFFL).orElse(null));
            case "chat" -> call.chat(me, string(message, "text"));
            case "admit" -> call.admit(me, string(message, "participant"));
            case "deny" -> call.deny(me, string(message, "participant"));
            case "remove" -> call.remove(me, string(message, "participant"));
            case "ask-to-mute" -> call.askToMute(me, string(message, "participant"));
            case "hand" -> call.hand(me, bool(message, "raised"), StrictJson.optionalString(message, "participant").orElse(null));
            case "lock" -> call.lock(me, bool(message, "locked"));
            case "host" -> call.nameHost(me, string(message, "participant"), bool(message, "host"));
            case "identity-check" -> call.confirmIdentity(me, string(message, "participant"), string(message, "method"));
            case "record" -> call.record(me, bool(message, "active"));
            case "recording-consent" -> call.recordingConsent(me, bool(message, "consent"),
                    (int) StrictJson.whole(message, "version", 1, Integer.MAX_VALUE));
            case "answer" -> throw new CallRefused("out-of-order", "the browser offers and the server answers; send an offer");
            default -> throw new CallRefused("unknown-type", "unknown message type '" + abbreviated(type) + "'");
        }
    }

    private static String string(JsonObject message, String field) {
        return StrictJson.string(message, field);
    }

    private static boolean bool(JsonObject message, String field) {
        return StrictJson.bool(message, field);
    }

    private static String abbreviated(String text) {
        String printable = text.replaceAll("[^\\p{Print}]", "?");
        return printable.length() <= 32 ? printable : printable.substring(0, 32) + "…";
    }
}
