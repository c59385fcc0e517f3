package org.consilium.hsm.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KeyLabelsTest {

    @Test
    void consiliumLabels() {
        KeyLabels labels = KeyLabels.CONSILIUM;
        assertEquals("consilium-kek-v1", labels.kek(1));
        assertEquals("consilium-kek-v12", labels.kek(12));
        assertEquals("consilium-audit-signing", labels.auditSigning());
        assertEquals("consilium-invitations", labels.invitations());
    }

    @Test
    void onlyThisPrefixsKekLabelsHaveAVersion() {
        KeyLabels labels = KeyLabels.CONSILIUM;
        assertEquals(OptionalInt.of(3), labels.kekVersion("consilium-kek-v3"));
        assertEquals(OptionalInt.empty(), labels.kekVersion("consilium-kek-v0"));
        assertEquals(OptionalInt.empty(), labels.kekVersion("consilium-kek-v03"));
        assertEquals(OptionalInt.empty(), labels.kekVersion("consilium-kek-v3x"));
        assertEquals(OptionalInt.empty(), labels.kekVersion("other-kek-v3"));
        assertEquals(OptionalInt.empty(), labels.kekVersion("consilium-audit-signing"));
        assertEquals(OptionalInt.empty(), labels.kekVersion("consilium-kek-v99999999999"));
    }

    @Test
    void prefixesAndVersionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new KeyLabels("Consilium"));
        assertThrows(IllegalArgumentException.class, () -> new KeyLabels(""));
        assertThrows(IllegalArgumentException.class, () -> new KeyLabels("a.b"));
        assertThrows(IllegalArgumentException.class, () -> KeyLabels.CONSILIUM.kek(0));
    }
}
