package org.consilium.application.call;

/**
 * Where a call changes who hosts its room: the room's own record (authorized and audited
 * there, as the same change through the API is), after which the call hears of it
 * ({@link LiveCall#hostsChanged}).
 */
public interface RoomHosts {

    /** Outside the call's lock: this is a transaction. */
    void name(String roomId, CallMember owner, String username, boolean host);

    /** A call that cannot change its room's hosts (tests that do not need it). */
    RoomHosts NONE = (roomId, owner, username, host) -> {
        throw new CallRefused("unavailable", "the room's hosts cannot be changed from this call");
    };
}
