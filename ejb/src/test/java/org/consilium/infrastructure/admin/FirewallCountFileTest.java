package org.consilium.infrastructure.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.consilium.application.admin.Dashboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirewallCountFileTest {

    private static final String WRITTEN = """
            # consilium-firewall-count: outbound packets the firewall refused, carried across reloads and reboots
            since=2026-11-23T08:00:00Z
            refused_out_packets=57
            refused_out_bytes=4332
            invalid_out_packets=3
            last_refused_at=2026-12-06T13:40:00Z
            updated_at=2026-12-06T13:41:00Z
            """;

    @TempDir
    Path dir;

    @Test
    void theFileTheApplianceToolWritesIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("refused-out.conf"), WRITTEN);
        Dashboard.RefusedEgress count = FirewallCountFile.parse(file).orElseThrow();
        assertEquals(57, count.packets());
        assertEquals(3, count.invalidPackets());
        assertEquals(Instant.parse("2026-11-23T08:00:00Z"), count.since());
        assertEquals(Optional.of(Instant.parse("2026-12-06T13:40:00Z")), count.lastRefusedAt());
        assertEquals(Instant.parse("2026-12-06T13:41:00Z"), count.countedAt());
    }

    @Test
    void neverRefusedHasNoLastTime() throws Exception {
        Path file = Files.writeString(dir.resolve("refused-out.conf"),
                WRITTEN.replace("refused_out_packets=57", "refused_out_packets=0").replace("invalid_out_packets=3",
                        "invalid_out_packets=0").replace("last_refused_at=2026-12-06T13:40:00Z", "last_refused_at="));
        Dashboard.RefusedEgress count = FirewallCountFile.parse(file).orElseThrow();
        assertEquals(0, count.packets());
        assertTrue(count.lastRefusedAt().isEmpty());
    }

    @Test
    void noFileALinkOrADamagedFileIsNoCount() throws Exception {
        assertTrue(FirewallCountFile.parse(dir.resolve("missing.conf")).isEmpty());
        Path real = Files.writeString(dir.resolve("real.conf"), WRITTEN);
        assertTrue(FirewallCountFile.parse(Files.createSymbolicLink(dir.resolve("link.conf"), real)).isEmpty());
        for (String damage : new String[] {"refused_out_packets=lots", "refused_out_packets=-1", "since=yesterday",
                "updated_at=", "refused_out_packets=99999999999999999999"}) {
            String key = damage.substring(0, damage.indexOf('='));
            String text = WRITTEN.replaceAll("(?m)^" + key + "=.*$", damage);
            assertTrue(FirewallCountFile.parse(Files.writeString(dir.resolve("damaged.conf"), text)).isEmpty(), damage);
        }
        assertTrue(FirewallCountFile.parse(Files.writeString(dir.resolve("big.conf"), WRITTEN + "#".repeat(5000)))
                .isEmpty());
        assertTrue(FirewallCountFile.parse(Files.writeString(dir.resolve("partial.conf"),
                "refused_out_packets=5\n")).isEmpty());
    }
}
