package org.consilium.application.admin;

/** Where a person stands with the second factor. */
public enum SecondFactorStatus {
    /** Never enrolled, or reset by an administrator. */
    NONE,
    /** A secret was shown but no code confirmed it yet. */
    PENDING,
    /** Enrolled: each console session asks for a code. */
    ACTIVE
}
