package org.consilium.application.call;

/**
 * Who enters a call at once and who waits in its lobby (docs/signaling.md, "Who waits";
 * REQUIREMENTS C6): the room's owner and hosts enter; other staff of the hospital enter
 * too when the room's lobby is off, and wait when it is on; guests always wait, whatever
 * the room says. (A locked or full room is the call's own rule, on top of this.)
 */
final class Admission {

    private Admission() {
    }

    static boolean entersDirectly(CallMember.Role role, boolean lobbyEnabled) {
        return switch (role) {
            case OWNER, HOST -> true;
            case STAFF -> !lobbyEnabled;
            case GUEST -> false;
        };
    }
}
