package org.consilium.application.call;

import java.time.Instant;
import org.consilium.domain.room.IdentityMethod;

/**
 * A host's "identity confirmed" for a guest in the call (REQUIREMENTS D5): only a guest's
 * identity is checked (staff are known by their sign-in), by one of the methods of
 * {@link IdentityMethod}; anything else is {@code invalid} and changes nothing. Once
 * confirmed, everyone in the call sees it on that guest, and the visit records it (who, whom,
 * how, when), audited ({@link VisitRecorder#identityConfirmed}).
 */
final class IdentityConfirmation {

    private final CallMember guest;
    private final IdentityMethod method;

    private IdentityConfirmation(CallMember guest, IdentityMethod method) {
        this.guest = guest;
        this.method = method;
    }

    /** @param method as signaling writes it ({@code photo-id}, {@code two-identifiers}, {@code known-patient}) */
    static IdentityConfirmation of(CallMember guest, String method) {
        if (guest.role() != CallMember.Role.GUEST) {
            throw new CallRefused("invalid", "only a guest's identity is checked: staff are known by their sign-in");
        }
        return new IdentityConfirmation(guest, IdentityMethod.ofCode(method).orElseThrow(() -> new CallRefused("invalid",
                "the method is photo-id, two-identifiers or known-patient")));
    }

    /** The guest shows as checked from now on, and the visit going on records it (when there is one). */
    void by(CallMember host, VisitRecord visit, Instant at) {
        guest.identityChecked(method);
        visit.identityConfirmed(host, guest, method, at);
    }
}
