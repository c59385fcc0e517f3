package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.KeyAdministration;
import org.consilium.application.admin.KeyOverview;
import org.consilium.application.kek.KekProgress;

/**
 * The Keys page (administrators only, web.xml): what the HSM holds, rotating the
 * key-encryption key after typing ROTATE, how far the stored envelopes have moved off the old
 * versions (per version: the database's, and each appliance's at its last check), and
 * destroying an old version after typing DESTROY, which the use case allows only once nothing
 * is left under it (it checks the role again and audits both).
 */
@Named("keysPage")
@RequestScoped
public class KeysPage {

    static final String CONFIRMATION = "ROTATE";
    static final String DESTROY_CONFIRMATION = "DESTROY";
    private static final DateTimeFormatter CHECKED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    KeyAdministration keys;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private KeyOverview overview;
    private String confirmation;
    private String message;
    private String done;
    private KekProgress progress;
    private String destroyVersion;
    private String destroyConfirmation;
    private String destroyMessage;

    public KeyOverview getOverview() {
        if (overview == null) {
            overview = keys.overview();
        }
        return overview;
    }

    public String getOlderVersions() {
        var older = getOverview().olderKekVersions();
        return older.isEmpty() ? "none" : older.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    public String getProblems() {
        return String.join("; ", getOverview().problems());
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    /** Why the rotation was not done, for the line next to the field. */
    public String getMessage() {
        return message;
    }

    /** What was done, for the status line. */
    public String getDone() {
        return done;
    }

    public KekProgress getProgress() {
        if (progress == null) {
            progress = keys.progress();
        }
        return progress;
    }

    /** The appliances that reported, by name: the columns of the progress table. */
    public List<String> getNodes() {
        return getProgress().nodes().stream().map(KekProgress.Node::name).toList();
    }

    /** When an appliance last checked, for the table of appliances. */
    public String checkedAt(KekProgress.Node node) {
        return CHECKED.format(node.checkedAt());
    }

    /** Whether an appliance's report counts for destroying an old version, and why, for the table of appliances. */
    public String counts(KekProgress.Node node) {
        return node.counts().map(why -> "Yes: " + why + ".")
                .orElse("No: not in the cluster, and nothing on its volume on record.");
    }

    /** The state of one version, for its row: current, may be destroyed, or why not. */
    public String state(KekProgress.Version version) {
        if (version.current()) {
            return "Current: wraps every new data key.";
        }
        return version.refusal().orElse("Nothing left under it: may be destroyed.");
    }

    /** Why the destroy button is disabled (no old version may be destroyed now), or null when it is enabled. */
    public String getDestroyDisabledReason() {
        KekProgress shown = getProgress();
        if (shown.problem().isPresent()) {
            return shown.problem().get();
        }
        if (shown.anyDestroyable()) {
            return null;
        }
        List<KekProgress.Version> older = shown.versions().stream().filter(v -> !v.current()).toList();
        if (older.isEmpty()) {
            return "There is no old version to destroy: only the current version is in the HSM.";
        }
        return older.stream().map(v -> "Version " + v.version() + ": " + v.refusal().orElse(""))
                .collect(Collectors.joining(" "));
    }

    public String getDestroyableVersions() {
        return getProgress().destroyableVersions().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    public String getDestroyVersion() {
        return destroyVersion;
    }

    public void setDestroyVersion(String destroyVersion) {
        this.destroyVersion = destroyVersion;
    }

    public String getDestroyConfirmation() {
        return destroyConfirmation;
    }

    public void setDestroyConfirmation(String destroyConfirmation) {
        this.destroyConfirmation = destroyConfirmation;
    }

    /** Why the destruction was not done, for the line next to the fields. */
    public String getDestroyMessage() {
        return destroyMessage;
    }

    public String destroy() {
        int version;
        try {
            version = Integer.parseInt(destroyVersion == null ? "" : destroyVersion.strip());
        } catch (NumberFormatException notANumber) {
            destroyMessage = "Give the number of the old version to destroy. Nothing was changed.";
            return null;
        }
        if (destroyConfirmation == null || !DESTROY_CONFIRMATION.equals(destroyConfirmation.strip())) {
            destroyMessage = "Type DESTROY (in capitals) to confirm. Nothing was changed.";
            return null;
        }
        KeyAdministration.Destruction destruction = keys.destroy(ConsoleCaller.of(currentStaff, request), version);
        switch (destruction.outcome()) {
            case DONE -> {
                done = "KEK version " + version + " is destroyed. Nothing was left under it; anything that still was "
                        + "is unreadable for good.";
                destroyVersion = null;
                destroyConfirmation = null;
            }
            case REFUSED_ROLE, REFUSED, UNAVAILABLE -> destroyMessage = destruction.reason() + " Nothing was changed.";
        }
        overview = null;
        progress = null;
        return null;
    }

    public String rotate() {
        if (confirmation == null || !CONFIRMATION.equals(confirmation.strip())) {
            message = "Type ROTATE (in capitals) to confirm the rotation. Nothing was changed.";
            return null;
        }
        KeyAdministration.Rotation rotation = keys.rotate(ConsoleCaller.of(currentStaff, request));
        switch (rotation.outcome()) {
            case DONE -> {
                done = "The key-encryption key is rotated: version " + rotation.before() + " → " + rotation.after()
                        + ". New data keys are wrapped with version " + rotation.after() + "; versions "
                        + rotation.usable().stream().filter(v -> v != rotation.after()).map(String::valueOf)
                                .collect(Collectors.joining(", "))
                        + " still unwrap what they wrapped.";
                confirmation = null;
            }
            case REFUSED_ROLE -> message = "Only administrators rotate keys.";
            case UNAVAILABLE -> message = "The HSM is not available or refused to create the new version: nothing "
                    + "was changed. See the HSM state above and the server log.";
        }
        overview = null; // show the token as it is now
        progress = null;
        return null;
    }
}
