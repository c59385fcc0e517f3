package org.consilium.audit.recording;

import java.util.List;

/**
 * Someone present while the recording ran, recorded or not (a participant who declined is
 * listed with the refusal and has no segments). The id is opaque (room-scoped); the display
 * name is what the call showed, PHI-adjacent, which is why the manifest travels only with
 * the export (itself PHI). Consents in the order given.
 */
public record Participant(String id, String role, String displayName, List<Consent> consents) {

    public Participant {
        Fields.text(id, "participant id");
        Fields.text(role, "role");
        Fields.text(displayName, "displayName");
        consents = Fields.list(consents, "consents");
    }
}
