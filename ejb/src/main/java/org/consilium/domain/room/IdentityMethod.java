package org.consilium.domain.room;

import java.util.Arrays;
import java.util.Optional;

/** How a clinician confirmed a patient-guest's identity in the call (REQUIREMENTS D5). */
public enum IdentityMethod {

    /** A photo identity document shown to the camera. */
    PHOTO_ID("photo-id"),
    /** Two identifiers (for example name and date of birth) checked against the record. */
    TWO_IDENTIFIERS("two-identifiers"),
    /** The clinician knows the patient. */
    KNOWN_PATIENT("known-patient");

    private final String code;

    IdentityMethod(String code) {
        this.code = code;
    }

    /** As signaling, the API and the audit trail write it. */
    public String code() {
        return code;
    }

    public static Optional<IdentityMethod> ofCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }
}
