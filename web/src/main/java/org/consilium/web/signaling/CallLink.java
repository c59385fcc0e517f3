package org.consilium.web.signaling;

import jakarta.json.JsonObject;
import org.consilium.application.call.CallRefusals;

/**
 * A signaling connection's way to its call: straight to the call when it runs on this node
 * ({@link LocalLink}), over the cluster when it runs on another ({@link CallRouter}).
 */
interface CallLink {

    /** A message that passed the connection's checks; what the call refuses comes back as an error. Never throws. */
    void handle(JsonObject message);

    /** The member left (said {@code leave}, or closed on purpose). */
    void left();

    /** The connection dropped: the member's place is held for the reconnect grace period. */
    void dropped();

    /** The member's HTTP session ended (they signed out): the call ends for them. */
    void signedOut();

    /** A refusal of this member's, for the audit trail. */
    CallRefusals.Refusal refusal(String reason, String attempted);
}
