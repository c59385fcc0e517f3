package org.consilium.application.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The part of the settings the application cannot apply itself, because it runs without
 * privileges: the appliance's NTP sources, the firewall's outbound openings and the system
 * log forwarding. The application asks; a root agent on the appliance checks and applies
 * (docs/security.md "Settings from the console").
 */
public interface OperatingSystemSettings {

    /** Asks the appliance to use these NTP servers and this SIEM target (empty host: none). */
    String request(List<String> ntpServers, Optional<String> siemHost, int siemPort);

    /** What the appliance said about a request. */
    record Answer(String requestId, Result result, String message, Optional<Instant> at) {

        public enum Result { APPLIED, REFUSED, FAILED }
    }

    /** The last request made, if any, and the appliance's answer to it, if it gave one yet. */
    record Status(Optional<String> lastRequest, Optional<Answer> answer, String where) {

        public boolean answered() {
            return lastRequest.isPresent() && answer.isPresent() && answer.get().requestId().equals(lastRequest.get());
        }
    }

    Status status();
}
