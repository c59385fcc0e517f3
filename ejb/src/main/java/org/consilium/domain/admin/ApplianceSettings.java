package org.consilium.domain.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The appliance settings an administrator changes on the console: where the audit trail and
 * the system logs go (SIEM, syslog over TLS), the hospital's NTP servers, how long an idle
 * session lives, and how early the console warns that the TLS certificate expires. An empty
 * value is left to the server configuration (first boot, Ansible).
 */
public record ApplianceSettings(Optional<String> siemHost, Optional<Integer> siemPort,
                                Optional<List<String>> ntpServers, Optional<Duration> sessionIdleTimeout,
                                int tlsExpiryWarningDays) {

    public static final String SIEM_HOST = "siemHost";
    public static final String SIEM_PORT = "siemPort";
    public static final String NTP_SERVERS = "ntpServers";
    public static final String SESSION_IDLE_TIMEOUT = "sessionIdleTimeout";
    public static final String TLS_EXPIRY_WARNING = "tlsExpiryWarning";

    public static final int MAX_NTP_SERVERS = 8;
    public static final long MIN_IDLE_MINUTES = 1;
    public static final long MAX_IDLE_MINUTES = 720;
    public static final int MAX_WARNING_DAYS = 365;
    public static final int DEFAULT_WARNING_DAYS = 30;

    public static final ApplianceSettings DEFAULTS = new ApplianceSettings(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), DEFAULT_WARNING_DAYS);

    public ApplianceSettings {
        ntpServers = ntpServers.map(List::copyOf);
    }

    /** Splits "a, b c" into host names (commas or blanks between them). */
    public static List<String> hostList(String text) {
        List<String> names = new ArrayList<>();
        for (String name : (text == null ? "" : text).split("[,\\s]+")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * What is wrong with the values as typed (field name → sentence); empty when they can be
     * used. {@code siemHost} empty means no SIEM; {@code ntpServers} empty means none.
     */
    public static Map<String, String> problems(String siemHost, long siemPort, List<String> ntpServers,
                                               long idleMinutes, long warningDays) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!siemHost.isEmpty() && !HostName.valid(siemHost)) {
            problems.put(SIEM_HOST, "Give a host name (such as siem.hospital.example) or an IPv4 address, or leave it "
                    + "empty for no SIEM.");
        }
        if (siemPort < 1 || siemPort > 65535) {
            problems.put(SIEM_PORT, "The port is from 1 to 65535 (syslog over TLS is usually 6514).");
        }
        if (ntpServers.size() > MAX_NTP_SERVERS) {
            problems.put(NTP_SERVERS, "At most " + MAX_NTP_SERVERS + " NTP servers.");
        } else {
            ntpServers.stream().filter(name -> !HostName.valid(name)).findFirst().ifPresent(bad -> problems.put(
                    NTP_SERVERS, "Give host names or IPv4 addresses separated by commas; \""
                            + (bad.length() > 40 ? bad.substring(0, 40) + "…" : bad) + "\" is neither."));
        }
        if (idleMinutes < MIN_IDLE_MINUTES || idleMinutes > MAX_IDLE_MINUTES) {
            problems.put(SESSION_IDLE_TIMEOUT, "From " + MIN_IDLE_MINUTES + " to " + MAX_IDLE_MINUTES
                    + " minutes (12 hours).");
        }
        if (warningDays < 1 || warningDays > MAX_WARNING_DAYS) {
            problems.put(TLS_EXPIRY_WARNING, "From 1 to " + MAX_WARNING_DAYS + " days.");
        }
        return problems;
    }

    /** The settings as audited: name → value ("configuration" when left to it). */
    public Map<String, String> audited() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("siem-host", siemHost.map(host -> host.isEmpty() ? "none" : host).orElse("configuration"));
        settings.put("siem-port", siemPort.map(String::valueOf).orElse("configuration"));
        settings.put("ntp-servers", ntpServers.map(list -> list.isEmpty() ? "none" : String.join(",", list))
                .orElse("configuration"));
        settings.put("session-idle-timeout", sessionIdleTimeout.map(Duration::toString).orElse("configuration"));
        settings.put("tls-expiry-warning-days", Integer.toString(tlsExpiryWarningDays));
        return settings;
    }
}
