package org.consilium.domain.room;

/** The part someone plays in one visit (REQUIREMENTS D4: participants and their roles). */
public enum VisitRole {
    /** The room's owner. */
    OWNER("owner"),
    /** A host the owner named: may admit, remove and close like the owner. */
    HOST("host"),
    /** A staff member who is neither owner nor host, admitted to the visit. */
    PARTICIPANT("participant"),
    /** Someone from outside who came through an invitation and the lobby. */
    GUEST("guest");

    private final String code;

    VisitRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
