package org.consilium.application.admin;

import java.time.Instant;
import java.util.Optional;

/** The TLS certificate this server presents to browsers. */
public interface ServerCertificate {

    /** @param selfSigned subject and issuer are the same (the appliance's own, until the hospital's is imported) */
    record Presented(String subject, String issuer, Instant notAfter, boolean selfSigned, String sha256) {
    }

    /** What the HTTPS listener presents now; empty with the reason logged when it cannot be read. */
    Optional<Presented> presented();
}
