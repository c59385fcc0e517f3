package org.consilium.web.signaling;

import jakarta.json.JsonObject;
import org.consilium.application.call.CallConnection;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallRefusals;
import org.consilium.application.call.CallRegistry;

/** A connection to a call that runs on this node. */
final class LocalLink implements CallLink {

    private final CallRegistry calls;
    private final CallRegistry.Connected connected;
    private final CallConnection connection;
    private final CallCommands.Refusals refusals;

    LocalLink(CallRegistry calls, CallRegistry.Connected connected, CallConnection connection,
              CallCommands.Refusals refusals) {
        this.calls = calls;
        this.connected = connected;
        this.connection = connection;
        this.refusals = refusals;
    }

    @Override
    public void handle(JsonObject message) {
        CallCommands.apply(connected, message, connection, refusals);
    }

    @Override
    public void left() {
        calls.disconnected(connected);
    }

    @Override
    public void dropped() {
        calls.dropped(connected);
    }

    @Override
    public void signedOut() {
        calls.endFor(connected, "You signed out.");
    }

    @Override
    public CallRefusals.Refusal refusal(String reason, String attempted) {
        return refusalOf(connected, reason, attempted);
    }

    static CallRefusals.Refusal refusalOf(CallRegistry.Connected connected, String reason, String attempted) {
        CallMember member = connected.member();
        return new CallRefusals.Refusal(member.principal(), member.roles(), member.clientAddress(),
                connected.call().roomId(), reason, attempted);
    }
}
