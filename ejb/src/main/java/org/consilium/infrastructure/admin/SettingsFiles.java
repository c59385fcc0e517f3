package org.consilium.infrastructure.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consilium.application.admin.OperatingSystemSettings;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@link OperatingSystemSettings} through two small files in
 * {@code consilium.appliance.settings-dir} (on the appliance /var/lib/consilium/settings;
 * elsewhere the server's data directory): the application writes {@value #REQUEST}
 * (replaced whole, never half-written), the appliance's root agent
 * ({@code consilium-settings-apply}, started by a systemd path unit) answers in
 * {@value #ANSWER}. KEY=VALUE lines; the agent accepts only {@code request_id},
 * {@code ntp_servers}, {@code siem_host}, {@code siem_port}.
 */
@ApplicationScoped
public class SettingsFiles implements OperatingSystemSettings {

    static final String REQUEST = "requested.conf";
    static final String ANSWER = "applied.conf";
    private static final int MAX_ANSWER_BYTES = 4096;

    Path directory() {
        return Path.of(ConfigProvider.getConfig().getOptionalValue("consilium.appliance.settings-dir", String.class)
                .orElseGet(() -> System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"))
                        + "/consilium/appliance-settings"));
    }

    @Override
    public String request(List<String> ntpServers, Optional<String> siemHost, int siemPort) {
        String id = UUID.randomUUID().toString();
        String text = "request_id=" + id + "\n"
                + "ntp_servers=" + String.join(",", ntpServers) + "\n"
                + "siem_host=" + siemHost.orElse("") + "\n"
                + "siem_port=" + siemPort + "\n";
        Path dir = directory();
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, ".requested-", ".tmp");
            Files.writeString(partial, text, StandardCharsets.US_ASCII);
            Files.move(partial, dir.resolve(REQUEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failed) {
            throw new IllegalStateException("could not write the settings request in " + dir, failed);
        }
        return id;
    }

    @Override
    public Status status() {
        Path dir = directory();
        Optional<String> last = read(dir.resolve(REQUEST)).map(lines -> lines.get("request_id"));
        Optional<Answer> answer = read(dir.resolve(ANSWER)).flatMap(SettingsFiles::answer);
        return new Status(last, answer, dir.toString());
    }

    private static Optional<Answer> answer(Map<String, String> lines) {
        String id = lines.get("request_id");
        String result = lines.getOrDefault("result", "");
        if (id == null) {
            return Optional.empty();
        }
        Answer.Result outcome = switch (result) {
            case "applied" -> Answer.Result.APPLIED;
            case "refused" -> Answer.Result.REFUSED;
            default -> Answer.Result.FAILED;
        };
        Optional<Instant> at;
        try {
            at = Optional.ofNullable(lines.get("at")).map(Instant::parse);
        } catch (DateTimeParseException unreadable) {
            at = Optional.empty();
        }
        return Optional.of(new Answer(id, outcome, lines.getOrDefault("message", ""), at));
    }

    /** KEY=VALUE lines of a small regular file (not a link), if there is one. */
    private static Optional<Map<String, String>> read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_ANSWER_BYTES) {
                return Optional.empty();
            }
            Map<String, String> lines = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    lines.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            return Optional.of(lines);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
