package org.consilium.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallSnapshot;
import org.junit.jupiter.api.Test;

class CallSnapshotCodecTest {

    private static final CallSnapshot CALL = new CallSnapshot("5b0c7a1e-2f3d-4c6b-8e9a-0d1c2b3a4f5e", "node-2",
            "0f6d7c1a-0000-4000-8000-000000000001", Instant.parse("2026-12-07T02:00:00.123456Z"), true, List.of(
                    new CallSnapshot.Member("m-1", "ana", true, "Dr Ana Díaz", CallMember.Role.OWNER,
                            List.of("clinician", "host"), "A".repeat(43), false, true),
                    new CallSnapshot.Member("m-2", "guest:inv-1", false, "Pat \"Q\" Lee", CallMember.Role.GUEST,
                            List.of(), "B".repeat(43), true, false)));

    @Test
    void aCopyReadsBackAsWrittenAndTheSameCopyIsTheSameText() {
        String text = CallSnapshotCodec.encode(CALL);
        assertEquals(Optional.of(CALL), CallSnapshotCodec.decode(text));
        assertEquals(text, CallSnapshotCodec.encode(CallSnapshotCodec.decode(text).orElseThrow()),
                "a take-over replaces the text it read: equal copies must be equal text");
    }

    @Test
    void aCopyOfAnotherReleaseOrBrokenReadsAsNone() {
        String text = CallSnapshotCodec.encode(CALL);
        assertEquals(Optional.empty(), CallSnapshotCodec.decode(text.replace("\"v\":1", "\"v\":2")));
        assertEquals(Optional.empty(), CallSnapshotCodec.decode(text.replace("\"owner\":\"node-2\",", "")));
        assertEquals(Optional.empty(), CallSnapshotCodec.decode(text.replace("\"role\":\"guest\"", "\"role\":\"king\"")));
        assertEquals(Optional.empty(), CallSnapshotCodec.decode(text.replace("2026-12-07T02", "today")));
        assertEquals(Optional.empty(), CallSnapshotCodec.decode(text.substring(0, text.length() / 2)));
        assertEquals(Optional.empty(), CallSnapshotCodec.decode(null));
        assertEquals(Optional.empty(), CallSnapshotCodec.decode("x".repeat(CallSnapshotCodec.MAX_LENGTH + 1)));
    }
}
