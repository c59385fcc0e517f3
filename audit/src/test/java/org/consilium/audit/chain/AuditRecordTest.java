package org.consilium.audit.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:15:30.123456789Z");
    private static final byte[] PREVIOUS = HexFormat.of().parseHex(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    /** A mutable copy of the factory's arguments, so each test changes one. */
    private record Fields(long sequence, Instant occurredAt, String actor, List<String> roles, String client,
            String action, String target, String outcome, Map<String, String> details, byte[] previousHash) {

        static Fields base() {
            return new Fields(42, AT, "jdoe", List.of("clinician", "host"), "10.0.0.5", "room.join", "room/7",
                    AuditRecord.SUCCESS, Map.of("visit", "v-1", "mode", "video"), PREVIOUS);
        }

        AuditRecord append() {
            return AuditRecord.append(sequence, occurredAt, actor, roles, client, action, target, outcome, details,
                    previousHash);
        }
    }

    @Test
    void appendComputesTheHashOfTheCanonicalEncoding() throws Exception {
        AuditRecord record = Fields.base().append();
        assertTrue(record.hashIsIntact());
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(record.canonicalBytes()),
                record.hash());
    }

    @Test
    void everyFieldChangesTheHash() {
        Fields base = Fields.base();
        byte[] baseHash = base.append().hash();
        List<UnaryOperator<Fields>> changes = List.of(
                f -> new Fields(43, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt.plusSeconds(1), f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt.plusNanos(1), f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, "jdoe2", f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, List.of("clinician"), f.client, f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, List.of("host", "clinician"), f.client, f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, "10.0.0.6", f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, null, f.action, f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, "room.leave", f.target, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, "room/8", f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, null, f.outcome, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, AuditRecord.DENIED, f.details, f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, Map.of("visit", "v-2", "mode", "video"), f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, Map.of("visit", "v-1", "mode2", "video"), f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, Map.of("visit", "v-1"), f.previousHash),
                f -> new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, flipLastBit(f.previousHash)));
        List<String> hashes = new ArrayList<>();
        hashes.add(HexFormat.of().formatHex(baseHash));
        for (UnaryOperator<Fields> change : changes) {
            Fields changed = change.apply(base);
            AuditRecord rehashed = changed.append();
            hashes.add(HexFormat.of().formatHex(rehashed.hash()));
            // The same change with the old hash kept is what tampering looks like.
            AuditRecord tampered = rehashed.withHash(baseHash);
            assertFalse(tampered.hashIsIntact(), "undetected change: " + changed);
        }
        assertEquals(hashes.size(), hashes.stream().distinct().count(), "two different records share a hash");
    }

    @Test
    void fieldBoundariesCannotBeMoved() {
        Fields base = Fields.base();
        assertDifferent(
                new Fields(1, AT, "ab", List.of(), null, "x", "c", "success", Map.of(), AuditRecord.GENESIS),
                new Fields(1, AT, "a", List.of(), null, "x", "bc", "success", Map.of(), AuditRecord.GENESIS));
        assertDifferent(
                new Fields(1, AT, "a", List.of(), null, "bx", "t", "success", Map.of(), AuditRecord.GENESIS),
                new Fields(1, AT, "ab", List.of(), null, "x", "t", "success", Map.of(), AuditRecord.GENESIS));
        assertDifferent(withRoles(base, List.of("ab")), withRoles(base, List.of("a", "b")));
        assertDifferent(withRoles(base, List.of("a,b")), withRoles(base, List.of("a", "b")));
        assertDifferent(withDetails(base, Map.of("a", "bc")), withDetails(base, Map.of("ab", "c")));
        assertDifferent(withDetails(base, Map.of("a", "b", "c", "d")), withDetails(base, Map.of("a", "bcd")));
    }

    @Test
    void nullIsNotTheEmptyString() {
        Fields base = Fields.base();
        assertDifferent(withClient(base, null), withClient(base, ""));
        assertDifferent(withTarget(base, null), withTarget(base, ""));
        // null client with "" target is not "" client with null target
        assertDifferent(withTarget(withClient(base, null), ""), withTarget(withClient(base, ""), null));
    }

    @Test
    void detailsAreHashedInCodePointOrderWhateverTheirInputOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("b", "2");
        forward.put("\uFFFF", "4");
        forward.put("a", "1");
        forward.put("\uD83D\uDE00", "5"); // U+1F600, above U+FFFF
        Map<String, String> backward = new HashMap<>(forward);
        AuditRecord one = withDetails(Fields.base(), forward).append();
        AuditRecord two = withDetails(Fields.base(), backward).append();
        assertArrayEquals(one.hash(), two.hash());
        // Code point order, not String.compareTo (which would put the surrogate pair first).
        assertEquals(List.of("a", "b", "\uFFFF", "\uD83D\uDE00"), new ArrayList<>(one.details().keySet()));
        // A caller's own SortedMap ordering does not leak in.
        TreeMap<String, String> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(forward);
        AuditRecord three = new AuditRecord(one.sequence(), one.occurredAt(), one.actor(), one.actorRoles(),
                one.clientAddress(), one.action(), one.target(), one.outcome(), reversed, one.previousHash(),
                one.hash());
        assertTrue(three.hashIsIntact());
        assertEquals(one, three);
    }

    /** Pins the encoding: an independent verifier can check itself against this (docs/audit.md). */
    @Test
    void knownAnswer() {
        AuditRecord record = AuditRecord.append(1, Instant.parse("2026-11-22T08:15:30.5Z"), "jdoe",
                List.of("clinician"), null, "login", null, AuditRecord.SUCCESS, Map.of("method", "password"),
                AuditRecord.GENESIS);
        assertEquals("00000012" + hex("consilium-audit-v1")
                + "0000000000000001"
                + "000000006b02a4a2" + "1dcd6500"
                + "00000004" + hex("jdoe")
                + "00000001" + "00000009" + hex("clinician")
                + "00"
                + "00000005" + hex("login")
                + "00"
                + "00000007" + hex("success")
                + "00000001" + "00000006" + hex("method") + "00000008" + hex("password")
                + "00000020" + "00".repeat(32),
                HexFormat.of().formatHex(record.canonicalBytes()));
        assertEquals(KNOWN_HASH, HexFormat.of().formatHex(record.hash()));
    }

    static final String KNOWN_HASH = "1783e08ec0fe5e73410104a1489dcff206ab53c4de6715cc7caa2a47dfbb19b9";

    @Test
    void shapesAreCheckedWithClearMessages() {
        Fields f = Fields.base();
        assertMessage("sequence must be at least 1, was 0", () -> new Fields(0, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash).append());
        assertMessage("occurredAt must not be null", () -> new Fields(1, null, f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, AuditRecord.GENESIS).append());
        assertMessage("actor must not be null", () -> new Fields(2, f.occurredAt, null, f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash).append());
        assertMessage("actor must not be blank", () -> new Fields(2, f.occurredAt, " ", f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash).append());
        assertMessage("actorRoles must not be null (use an empty list)", () -> new Fields(2, f.occurredAt, f.actor, null, f.client, f.action, f.target, f.outcome, f.details, f.previousHash).append());
        assertMessage("an actor role must not be null", () -> new Fields(2, f.occurredAt, f.actor, Arrays.asList("a", null), f.client, f.action, f.target, f.outcome, f.details, f.previousHash).append());
        assertMessage("action must not be blank", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, "", f.target, f.outcome, f.details, f.previousHash).append());
        assertMessage("outcome must not be null", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, null, f.details, f.previousHash).append());
        assertMessage("details must not be null (use an empty map)", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, null, f.previousHash).append());
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertMessage("a detail value must not be null", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, nullValue, f.previousHash).append());
        assertMessage("a detail name must not be blank", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, Map.of("", "v"), f.previousHash).append());
        assertMessage("previousHash must be 32 bytes, was 31", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, new byte[31]).append());
        assertMessage("previousHash must not be null", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, null).append());
        assertMessage("the previousHash of sequence 1 must be GENESIS (32 zero bytes)", () -> new Fields(1, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, f.details, PREVIOUS).append());
        assertMessage("target holds an unpaired surrogate at index 1 (not valid Unicode)", () -> new Fields(2, f.occurredAt, f.actor, f.roles, f.client, f.action, "a\uD800b", f.outcome, f.details, f.previousHash).append());
        assertMessage("actor holds an unpaired surrogate at index 0 (not valid Unicode)", () -> new Fields(2, f.occurredAt, "\uDC00", f.roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash).append());
        AuditRecord record = f.append();
        assertMessage("hash must be 32 bytes, was 33", () -> record.withHash(new byte[33]));
    }

    @Test
    void arraysAndCollectionsAreCopiedInAndOut() {
        byte[] previous = PREVIOUS.clone();
        List<String> roles = new ArrayList<>(List.of("clinician"));
        Map<String, String> details = new HashMap<>(Map.of("k", "v"));
        AuditRecord record = AuditRecord.append(5, AT, "jdoe", roles, null, "login", null, "success", details, previous);
        previous[0] ^= 1;
        roles.add("admin");
        details.put("k2", "v2");
        record.hash()[0] ^= 1;
        record.previousHash()[0] ^= 1;
        assertTrue(record.hashIsIntact());
        assertArrayEquals(PREVIOUS, record.previousHash());
        assertEquals(List.of("clinician"), record.actorRoles());
        assertThrows(UnsupportedOperationException.class, () -> record.actorRoles().add("admin"));
        assertThrows(UnsupportedOperationException.class, () -> record.details().put("x", "y"));
    }

    @Test
    void equalityIsByContentIncludingArrays() {
        AuditRecord one = Fields.base().append();
        AuditRecord two = Fields.base().append();
        assertEquals(one, two);
        assertEquals(one.hashCode(), two.hashCode());
        assertNotEquals(one, one.withHash(new byte[32]));
    }

    @Test
    void toStringLeavesPersonalDataOut() {
        String text = Fields.base().append().toString();
        assertFalse(text.contains("jdoe") || text.contains("room/7") || text.contains("v-1") || text.contains("10.0.0.5"),
                text);
        assertTrue(text.contains("sequence=42"));
    }

    private static void assertDifferent(Fields one, Fields two) {
        AuditRecord a = one.append();
        AuditRecord b = two.append();
        assertFalse(Arrays.equals(a.canonicalBytes(), b.canonicalBytes()), "same encoding: " + one + " / " + two);
        assertFalse(Arrays.equals(a.hash(), b.hash()));
    }

    private static Fields withRoles(Fields f, List<String> roles) {
        return new Fields(f.sequence, f.occurredAt, f.actor, roles, f.client, f.action, f.target, f.outcome, f.details, f.previousHash);
    }

    private static Fields withDetails(Fields f, Map<String, String> details) {
        return new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, f.target, f.outcome, details, f.previousHash);
    }

    private static Fields withClient(Fields f, String client) {
        return new Fields(f.sequence, f.occurredAt, f.actor, f.roles, client, f.action, f.target, f.outcome, f.details, f.previousHash);
    }

    private static Fields withTarget(Fields f, String target) {
        return new Fields(f.sequence, f.occurredAt, f.actor, f.roles, f.client, f.action, target, f.outcome, f.details, f.previousHash);
    }

    private static byte[] flipLastBit(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertEquals(message, e.getMessage());
    }
}
