package org.consilium.domain.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of audited actions (REQUIREMENTS D1). The codes are the stored and exported
 * names: they never change meaning once released; new actions get new codes.
 */
public enum AuditAction {
    // who came and went
    SIGN_IN("sign-in"),
    SIGN_IN_FAILED("sign-in-failed"),
    SIGN_OUT("sign-out"),
    ACCESS_DENIED("access-denied"),
    /** Wrong passwords started or lengthened a sign-in delay; target sign-in:<account>@<address> (or *@address). */
    SIGN_IN_THROTTLED("sign-in-throttled"),
    /** An administrator lifted a sign-in delay; same target. */
    SIGN_IN_THROTTLE_LIFTED("sign-in-throttle-lifted"),
    // the admin console's second factor (TOTP): target staff:<username>
    SECOND_FACTOR_ENROLLED("second-factor-enrolled"),
    SECOND_FACTOR_VERIFIED("second-factor-verified"),
    /** A wrong or replayed code, or one typed while locked; details say which, and when a lockout began. */
    SECOND_FACTOR_FAILED("second-factor-failed"),
    /** An administrator removed someone's second factor (a lost phone): they enrol again. */
    SECOND_FACTOR_RESET("second-factor-reset"),
    // rooms, visits and the lobby
    ROOM_CREATED("room-created"),
    ROOM_CLOSED("room-closed"),
    ROOM_LOCKED("room-locked"),
    ROOM_HOST_ADDED("room-host-added"),
    ROOM_HOST_REMOVED("room-host-removed"),
    /** A colleague was invited to a room by name, or the invitation taken back (detail: colleague, a username). */
    ROOM_COLLEAGUE_INVITED("room-colleague-invited"),
    ROOM_COLLEAGUE_WITHDRAWN("room-colleague-withdrawn"),
    /** A clinician searched for colleagues by name (details: how many were found; never what was typed). */
    COLLEAGUES_SEARCHED("colleagues-searched"),
    /** What guests see of a room changed (details: label {@code set} or {@code default}; never the text). */
    ROOM_GUEST_LABEL_CHANGED("room-guest-label-changed"),
    VISIT_STARTED("visit-started"),
    VISIT_ENDED("visit-ended"),
    PARTICIPANT_JOINED("participant-joined"),
    PARTICIPANT_LEFT("participant-left"),
    PARTICIPANT_REMOVED("participant-removed"),
    /** A room's visit history read (who took part, when): PHI, so every read counts. */
    VISITS_VIEWED("visits-viewed"),
    LOBBY_ADMITTED("lobby-admitted"),
    LOBBY_DENIED("lobby-denied"),
    INVITATION_CREATED("invitation-created"),
    INVITATION_REVOKED("invitation-revoked"),
    INVITATION_REFUSED("invitation-refused"),
    /** A guest gave their name on an invitation's page and went on to the lobby. */
    INVITATION_REDEEMED("invitation-redeemed"),
    /** A guest acknowledged the privacy notice on the join page (details: room, version, sha256). */
    PRIVACY_NOTICE_ACKNOWLEDGED("privacy-notice-acknowledged"),
    /** A guest agreed to the consent to treat on the join page, REQUIREMENTS D5 (details: room, version, sha256). */
    CONSENT_TO_TREAT_ACCEPTED("consent-to-treat-accepted"),
    /** A host confirmed a guest's identity in the call, REQUIREMENTS D5 (target the visit; details: room, guest, method). */
    IDENTITY_CONFIRMED("identity-confirmed"),
    SCREEN_SHARE_STARTED("screen-share-started"),
    SCREEN_SHARE_STOPPED("screen-share-stopped"),
    // recordings and files
    RECORDING_STARTED("recording-started"),
    RECORDING_STOPPED("recording-stopped"),
    /** A participant answered the recording's consent question (details: recording, decision, notice version, sha256). */
    RECORDING_CONSENT("recording-consent"),
    RECORDING_VIEWED("recording-viewed"),
    RECORDING_EXPORTED("recording-exported"),
    /** A recording's files were crypto-shredded (details: reason retention, files). */
    RECORDING_DELETED("recording-deleted"),
    /** An administrator put a recording on legal hold or released it (details: hold). */
    RECORDING_HOLD_CHANGED("recording-hold-changed"),
    FILE_UPLOADED("file-uploaded"),
    FILE_DOWNLOADED("file-downloaded"),
    FILE_DELETED("file-deleted"),
    // administration
    CONFIGURATION_CHANGED("configuration-changed"),
    ROLE_MAPPING_CHANGED("role-mapping-changed"),
    KEY_ROTATED("key-rotated"),
    /** An administrator destroyed an old KEK version (details: version, current); whatever was still under it is shredded. */
    KEY_DESTROYED("key-destroyed"),
    /** Appliances joined or left this one's cluster (details: change, joined, left, members). */
    CLUSTER_CHANGED("cluster-changed"),
    CALL_TAKEN_OVER("call-taken-over"),
    // the trail itself
    AUDIT_SEARCHED("audit-searched"),
    AUDIT_EXPORTED("audit-exported"),
    AUDIT_VERIFIED("audit-verified"),
    // emergency access outside the usual rights, always reviewed afterwards
    BREAK_GLASS("break-glass");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AuditAction> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }
}
