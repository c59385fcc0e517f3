package org.consilium.web.signaling;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Set;
import org.consilium.application.call.CallMessages;
import org.consilium.videobridge.probe.LoopbackProbe;
import org.consilium.videobridge.probe.ProbeRefused;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.consilium.web.json.BadJson;
import org.consilium.web.json.StrictJson;

/**
 * What one message of a network check asks (docs/signaling.md, "Network check"): an
 * {@code offer} of the page's sending or receiving connection, answered by the bridge. The
 * message has passed the connection's checks ({@link Inbound}). Never throws: a refusal is an
 * {@code error} for the page; one that ends the check says so ({@link Reply#over}).
 */
final class NetworkCheckCommands {

    /** What to send back, and whether the check is over (the bridge let it go: close the connection). */
    record Reply(JsonObject message, boolean over) {
    }

    private static final Set<String> CONNECTIONS = Set.of("send", "receive");

    private NetworkCheckCommands() {
    }

    static Reply apply(LoopbackProbe probe, JsonObject message) {
        try {
            String type = StrictJson.optionalString(message, "type").orElse("");
            if (!"offer".equals(type)) {
                return new Reply(CallMessages.error("unknown-type", "a network check takes 'offer' and 'leave'"), false);
            }
            String connection = StrictJson.string(message, "connection");
            if (!CONNECTIONS.contains(connection)) {
                return new Reply(CallMessages.error("invalid", "'connection' must be \"send\" or \"receive\""), false);
            }
            String sdp = StrictJson.string(message, "sdp");
            String answer = "send".equals(connection) ? probe.negotiateSender(sdp) : probe.negotiateReceiver(sdp);
            return new Reply(Json.createObjectBuilder().add("type", "answer").add("connection", connection)
                    .add("sdp", answer).build(), false);
        } catch (BadJson wrongField) {
            return new Reply(CallMessages.error("invalid", wrongField.getMessage()), false);
        } catch (InvalidSdpException refused) {
            return new Reply(CallMessages.error("sdp", refused.getMessage()), probe.isOver());
        } catch (ProbeRefused refused) {
            return new Reply(CallMessages.error(refused.code(), refused.getMessage()), probe.isOver());
        }
    }
}
