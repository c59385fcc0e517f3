package org.consilium.infrastructure.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.consilium.application.admin.Dashboard;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The appliance firewall's running count of refused outbound packets, from the file its root
 * tool {@code consilium-firewall-count} keeps ({@code consilium.appliance.firewall-count-file},
 * on the appliance /var/lib/consilium-firewall/refused-out.conf: root's, readable by the
 * server's group). The server cannot read nftables' counters itself (it has no capability),
 * and must not be able to change the count: it only reads. No property (not an appliance),
 * no file yet, a link, or a file that does not parse: no count (the dashboard says so).
 */
@ApplicationScoped
public class FirewallCountFile {

    static final String PROPERTY = "consilium.appliance.firewall-count-file";
    private static final int MAX_BYTES = 4096;

    Optional<Path> file() {
        return ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class).filter(s -> !s.isBlank()).map(Path::of);
    }

    public Optional<Dashboard.RefusedEgress> read() {
        return file().flatMap(FirewallCountFile::parse);
    }

    static Optional<Dashboard.RefusedEgress> parse(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            String last = values.getOrDefault("last_refused_at", "");
            return Optional.of(new Dashboard.RefusedEgress(count(values.get("refused_out_packets")),
                    count(values.get("invalid_out_packets")), Instant.parse(values.get("since")),
                    last.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(last)),
                    Instant.parse(values.get("updated_at"))));
        } catch (IOException | RuntimeException unreadable) { // unparsable time or number, a key missing
            return Optional.empty();
        }
    }

    private static long count(String value) {
        long n = Long.parseLong(value);
        if (n < 0) {
            throw new NumberFormatException("negative count");
        }
        return n;
    }
}
