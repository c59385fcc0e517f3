package org.consilium.audit.recording;

/** A participant's answer to the recording notice, or a later withdrawal of consent. */
public enum ConsentDecision {
    CONSENTED,
    DECLINED,
    WITHDRAWN;

    public String wireName() {
        return WireName.of(this);
    }

    public static ConsentDecision fromWireName(String wire) {
        return WireName.parse(ConsentDecision.class, wire, "decision");
    }
}
