package org.consilium.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplianceSettingsTest {

    @Test
    void hostNamesAndAddressesAreAcceptedAndNothingElse() {
        for (String good : List.of("siem.hospital.example", "ntp1", "10.20.30.2", "a-b.c-d.example", "x".repeat(63))) {
            assertTrue(HostName.valid(good), good);
        }
        for (String bad : List.of("", "-bad", "bad-", "a..b", "siem host", "siem;rm", "10.20.30.256", "1.2.3",
                "host\nsiem_host=evil", "x".repeat(64), "a." + "b".repeat(252), "ünïcode.example", "host:6514")) {
            assertFalse(HostName.valid(bad), bad);
        }
    }

    @Test
    void hostListsSplitOnCommasAndBlanks() {
        assertEquals(List.of("a.example", "10.0.0.1", "b"), ApplianceSettings.hostList(" a.example,10.0.0.1  b ,"));
        assertEquals(List.of(), ApplianceSettings.hostList("  "));
        assertEquals(List.of(), ApplianceSettings.hostList(null));
    }

    @Test
    void eachUnusableValueIsNamed() {
        Map<String, String> problems = ApplianceSettings.problems("bad host", 0,
                List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), 0, 366);
        assertEquals(Set.of(ApplianceSettings.SIEM_HOST, ApplianceSettings.SIEM_PORT, ApplianceSettings.NTP_SERVERS,
                ApplianceSettings.SESSION_IDLE_TIMEOUT, ApplianceSettings.TLS_EXPIRY_WARNING), problems.keySet());
        assertEquals(Map.of(), ApplianceSettings.problems("", 6514, List.of(), 15, 30), "no SIEM, no NTP: fine");
        assertTrue(ApplianceSettings.problems("siem", 6514, List.of("ok.example", "-x-"), 15, 30)
                .get(ApplianceSettings.NTP_SERVERS).contains("\"-x-\""));
    }
}
