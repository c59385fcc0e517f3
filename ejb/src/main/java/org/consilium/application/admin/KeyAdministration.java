package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.kek.Appliances;
import org.consilium.application.kek.EnvelopeStore;
import org.consilium.application.kek.KekProgress;
import org.consilium.application.kek.KekRetirement;
import org.consilium.application.kek.KekRewrapJob;
import org.consilium.application.kek.KekTally;
import org.consilium.application.kek.KekUsage;
import org.consilium.application.kek.NodeReport;
import org.consilium.application.kek.ThisAppliance;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.hsm.HsmStatus;
import org.consilium.hsm.HsmStatusSource;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.kek.Kek;
import org.consilium.hsm.token.TokenException;

/**
 * Use cases of the console's Keys page: what the HSM holds, rotating the key-encryption key
 * (administrators only; audited as {@code key-rotated} with the versions before and after),
 * how far the envelopes have moved off the old versions, and destroying an old version
 * (administrators only, once nothing is left under it; audited as {@code key-destroyed}).
 * Rotation adds KEK version n+1 in the token, which wraps every new data key from then on;
 * older versions stay and still unwrap what they wrapped, and this appliance's
 * {@link KekRewrapJob} starts moving the stored envelopes to n+1 at once (the other appliances
 * at their next check). See docs/security.md, "Rotation and crypto-shredding".
 */
@ApplicationScoped
public class KeyAdministration {

    /** The audit target of a KEK rotation. */
    public static final String KEK_TARGET = "key:consilium-kek";

    private static final Logger LOG = Logger.getLogger(KeyAdministration.class.getName());
    /** One destruction at a time on this appliance: the check and the destruction go together. */
    private static final Object DESTRUCTIONS = new Object();

    @Inject
    HsmStatusSource hsm;

    @Inject
    Instance<KeyService> keys;

    @Inject
    AuditTrail trail;

    @Inject
    KekRewrapJob rewrapJob;

    @Inject
    KekUsage usage;

    @Inject
    Instance<EnvelopeStore> stores;

    @Inject
    SystemProbes probes; // the cluster's members, as the dashboard shows them

    public KeyOverview overview() {
        HsmStatus status = hsm.status();
        Optional<String> fingerprint = Optional.empty();
        if (status.auditSigningKeyPresent()) {
            try {
                fingerprint = Optional.of(fingerprint(keys.get().auditSigner().publicKeyDer()));
            } catch (RuntimeException unavailable) { // the HSM went away between the two looks
                fingerprint = Optional.empty();
            }
        }
        return new KeyOverview(hsm.token(), status.tokenPresent(), status.loggedIn(), status.kekVersions(),
                status.currentKekVersion(), hsm.auditKeyId(), fingerprint, status.auditSigningKeyPresent(),
                status.invitationKeyPresent(), status.problems());
    }

    /** What came of a rotation. */
    public record Rotation(Outcome outcome, int before, int after, SortedSet<Integer> usable) {

        public enum Outcome {
            /** Version {@code after} is on the token and wraps new data keys. */
            DONE,
            /** Only administrators rotate keys. */
            REFUSED_ROLE,
            /** The HSM is not available or refused to create the key: nothing changed. */
            UNAVAILABLE
        }
    }

    /** Adds KEK version n+1 (administrators only), audited with the versions before and after. */
    public Rotation rotate(Caller caller) {
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.KEY_ROTATED.code()).build());
            return new Rotation(Rotation.Outcome.REFUSED_ROLE, 0, 0, new java.util.TreeSet<>());
        }
        KeyService service;
        int before;
        try {
            service = keys.get();
            before = service.keks().current().version();
        } catch (RuntimeException unavailable) {
            trail.record(event(caller, AuditAction.KEY_ROTATED, AuditOutcome.FAILURE)
                    .detail("reason", "hsm-unavailable").build());
            return new Rotation(Rotation.Outcome.UNAVAILABLE, 0, 0, new java.util.TreeSet<>());
        }
        Kek created;
        try {
            created = service.keks().rotate();
        } catch (TokenException refused) {
            LOG.log(Level.WARNING, "KEK rotation failed in the token", refused);
            trail.record(event(caller, AuditAction.KEY_ROTATED, AuditOutcome.FAILURE)
                    .detail("before", Integer.toString(before)).detail("reason", "token-refused").build());
            return new Rotation(Rotation.Outcome.UNAVAILABLE, before, before, service.keks().versions());
        }
        SortedSet<Integer> usable = service.keks().versions();
        trail.record(event(caller, AuditAction.KEY_ROTATED, AuditOutcome.SUCCESS)
                .detail("key", "kek")
                .detail("before", Integer.toString(before))
                .detail("after", Integer.toString(created.version()))
                .detail("usable", usable.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .build());
        LOG.info(() -> "KEK rotated by " + caller.username() + ": version " + before + " -> " + created.version());
        rewrapJob.runSoon();
        return new Rotation(Rotation.Outcome.DONE, before, created.version(), usable);
    }

    /**
     * Per KEK version on the token: the envelopes under it in the database (counted now) and on
     * each appliance's volume (at its last report), and whether it may be destroyed, or why not.
     */
    public KekProgress progress() {
        SortedSet<Integer> onToken;
        int current;
        try {
            KeyService service = keys.get();
            current = service.keks().refresh().version();
            onToken = service.keks().versions();
        } catch (RuntimeException unavailable) {
            return new KekProgress(0, List.of(), List.of(), Optional.of("The HSM is not available: nothing can be "
                    + "counted or destroyed."));
        }
        Set<String> members;
        try {
            members = Set.copyOf(probes.node().members());
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "The cluster's members cannot be read", unavailable);
            return new KekProgress(current, List.of(), List.of(), Optional.of("The cluster's members cannot be "
                    + "read: nothing can be destroyed. See the server log."));
        }
        KekTally database;
        List<NodeReport> reports;
        Appliances appliances;
        try {
            database = inDatabase();
            reports = usage.reports();
            appliances = new Appliances(members, usage.recordingsOnRecord());
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "The KEK usage cannot be read", unavailable);
            return new KekProgress(current, List.of(), List.of(), Optional.of("The database cannot be read: "
                    + "nothing can be counted or destroyed."));
        }
        String node = ThisAppliance.name();
        List<KekProgress.Version> versions = new ArrayList<>();
        for (int version : onToken) {
            Map<String, Long> onNodes = new TreeMap<>();
            for (NodeReport report : reports) {
                onNodes.put(report.node(), report.envelopes().under(version));
            }
            Optional<String> refusal = KekRetirement.refusal(version, current, onToken, database.under(version), node,
                    reports, appliances);
            versions.add(new KekProgress.Version(version, version == current, database.under(version), onNodes,
                    refusal));
        }
        List<KekProgress.Node> nodes = reports.stream().map(r -> new KekProgress.Node(r.node(), r.currentVersion(),
                r.checkedAt(), r.envelopes().envelopes().values().stream().mapToLong(Long::longValue).sum(),
                r.envelopes().failed(), r.node().equals(node) ? Optional.of("this appliance")
                        : appliances.whyItCounts(r.node(), Optional.of(r)))).toList();
        return new KekProgress(current, versions, nodes, Optional.empty());
    }

    /** What came of a request to destroy an old version. */
    public record Destruction(Outcome outcome, int version, String reason) {

        public enum Outcome {
            /** The version is gone from the token. */
            DONE,
            /** Only administrators destroy keys. */
            REFUSED_ROLE,
            /** Not allowed now: {@code reason} says why. Nothing changed. */
            REFUSED,
            /** The HSM is not available or refused: nothing changed. */
            UNAVAILABLE
        }
    }

    /**
     * Destroys KEK version {@code version} (administrators only) if {@link KekRetirement} allows it
     * now, audited as {@code key-destroyed} with the version and the current one; a refusal is
     * audited with its reason. Whatever is still under the version is crypto-shredded for good.
     */
    public Destruction destroy(Caller caller, int version) {
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.KEY_DESTROYED.code()).detail("version", Integer.toString(version))
                    .build());
            return new Destruction(Destruction.Outcome.REFUSED_ROLE, version, "Only administrators destroy keys.");
        }
        synchronized (DESTRUCTIONS) {
            KekProgress progress = progress();
            if (progress.problem().isPresent()) {
                trail.record(event(caller, AuditAction.KEY_DESTROYED, AuditOutcome.FAILURE)
                        .detail("version", Integer.toString(version)).detail("reason", "unavailable").build());
                return new Destruction(Destruction.Outcome.UNAVAILABLE, version, progress.problem().get());
            }
            Optional<String> refusal = progress.versions().stream().filter(v -> v.version() == version).findFirst()
                    .map(KekProgress.Version::refusal)
                    .orElseGet(() -> Optional.of("There is no KEK version " + version
                            + " in the HSM (it may have been destroyed already)."));
            if (refusal.isPresent()) {
                trail.record(event(caller, AuditAction.KEY_DESTROYED, AuditOutcome.DENIED)
                        .detail("version", Integer.toString(version))
                        .detail("current", Integer.toString(progress.currentVersion()))
                        .detail("reason", refusal.get()).build());
                return new Destruction(Destruction.Outcome.REFUSED, version, refusal.get());
            }
            try {
                keys.get().keks().destroy(version);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "KEK v" + version + " could not be destroyed", failed);
                trail.record(event(caller, AuditAction.KEY_DESTROYED, AuditOutcome.FAILURE)
                        .detail("version", Integer.toString(version)).detail("reason", "token-refused").build());
                return new Destruction(Destruction.Outcome.UNAVAILABLE, version,
                        "The HSM refused to destroy the version: nothing was changed. See the server log.");
            }
            trail.record(event(caller, AuditAction.KEY_DESTROYED, AuditOutcome.SUCCESS)
                    .detail("key", "kek")
                    .detail("version", Integer.toString(version))
                    .detail("current", Integer.toString(progress.currentVersion()))
                    .build());
            LOG.warning(() -> "KEK version " + version + " destroyed by " + caller.username());
            return new Destruction(Destruction.Outcome.DONE, version, "");
        }
    }

    /** The database's envelopes by version, counted now (shared stores only: the volumes report themselves). */
    private KekTally inDatabase() {
        KekTally tally = KekTally.none();
        for (EnvelopeStore store : stores) {
            if (store.shared()) {
                tally = tally.plus(store.count());
            }
        }
        return tally;
    }

    private static AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(KEK_TARGET).outcome(outcome);
    }

    /** SHA-256 of the DER encoding in hex, as the offline verifier prints it ({@code consilium-audit verify}). */
    static String fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
