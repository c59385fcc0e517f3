package org.consilium.domain.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayNamesTest {

    @Test
    void namesAreTrimmedAndKeepTheirLettersAccentsAndPunctuation() {
        assertEquals("Tumor board, Tuesday", new RoomName("  Tumor board, Tuesday \t").value());
        assertEquals("Zoë O'Brien-Núñez", new GuestName(" Zoë O'Brien-Núñez ").value());
        assertEquals("李小龙", new GuestName("李小龙").value());
    }

    @Test
    void aGuestNameIsOneToSixtyFourCharactersCountedAsPeopleCountThem() {
        new GuestName("x".repeat(64));
        new GuestName("😀".repeat(64)); // 128 UTF-16 units, 64 characters
        assertThrows(IllegalArgumentException.class, () -> new GuestName("x".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> new GuestName("   "));
        assertThrows(IllegalArgumentException.class, () -> new GuestName(null));
        new RoomName("r".repeat(120));
        assertThrows(IllegalArgumentException.class, () -> new RoomName("r".repeat(121)));
    }

    @Test
    void controlCharactersAndDirectionOverridesAreRefused() {
        for (String sneaky : List.of("Maria\nAdmitted: yes", "Ma\u0000ria", "Maria\u001b[31m", "Maria\u202egnoz",
                "\u2066Maria\u2069", "Maria\u200f", "Ma\uD800ria", "Maria\u0085")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new GuestName(sneaky));
            assertEquals("Your name must not contain control or invisible formatting characters", refused.getMessage());
        }
    }

    @Test
    void theMessageSaysWhatIsExpected() {
        assertEquals("A room name must have 1 to 120 characters",
                assertThrows(IllegalArgumentException.class, () -> new RoomName("")).getMessage());
    }

    @Test
    void idsAreReadOnlyInTheirUsualForm() {
        assertEquals("3f2a9c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b", RoomId.parse("3F2A9C1E-7B6D-4E5F-8A9B-0C1D2E3F4A5B").toString());
        for (String bad : List.of("1-1-1-1-1", "3f2a9c1e7b6d4e5f8a9b0c1d2e3f4a5b", "not-a-room", "")) {
            assertThrows(IllegalArgumentException.class, () -> RoomId.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> InvitationId.parse(null));
    }
}
