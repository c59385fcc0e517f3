package org.consilium.audit.recording;

import java.time.Instant;

/**
 * One answer a participant gave to the recording notice: what, when, and which notice text
 * (its version and the SHA-256 of the exact text shown, in the participant's language).
 */
public record Consent(ConsentDecision decision, Instant at, String noticeVersion, String noticeSha256) {

    public Consent {
        Fields.required(decision, "decision");
        Fields.instant(at, "consent at");
        Fields.text(noticeVersion, "noticeVersion");
        Fields.sha256(noticeSha256, "noticeSha256");
    }
}
