package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.RoleMappingAdministration;
import org.consilium.domain.Role;
import org.consilium.domain.admin.GroupRoles;
import org.consilium.domain.admin.RoleMapping;

/**
 * The group-to-role mapping form of the Directory page: one line per mapped group (name and
 * a box per role) and {@value #BLANK_LINES} empty lines to add groups; unticking every role
 * of a line removes it. The form carries the version it was made from, so two administrators
 * editing at once cannot overwrite each other unseen.
 */
@Named("roleMappingForm")
@RequestScoped
public class RoleMappingForm {

    static final int BLANK_LINES = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Inject
    RoleMappingAdministration mappings;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private RoleMappingAdministration.View view;
    private List<Line> lines;
    private String version;
    private String wholeError;
    private String done;

    /** One line of the form. */
    public static final class Line {
        private final int number;
        private String group;
        private boolean clinician;
        private boolean admin;
        private boolean auditor;
        private String error;

        Line(int number, GroupRoles shown) {
            this.number = number;
            this.group = shown == null ? "" : shown.group();
            this.clinician = shown != null && shown.grants(Role.CLINICIAN);
            this.admin = shown != null && shown.grants(Role.ADMIN);
            this.auditor = shown != null && shown.grants(Role.AUDITOR);
        }

        RoleMapping.Draft draft() {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (clinician) {
                roles.add(Role.CLINICIAN);
            }
            if (admin) {
                roles.add(Role.ADMIN);
            }
            if (auditor) {
                roles.add(Role.AUDITOR);
            }
            return new RoleMapping.Draft(group, roles);
        }

        public int getNumber() {
            return number;
        }

        /** What the boxes of this line are called for a screen reader. */
        public String getName() {
            return group == null || group.isBlank() ? "new line " + number : group;
        }

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public boolean isClinician() {
            return clinician;
        }

        public void setClinician(boolean clinician) {
            this.clinician = clinician;
        }

        public boolean isAdmin() {
            return admin;
        }

        public void setAdmin(boolean admin) {
            this.admin = admin;
        }

        public boolean isAuditor() {
            return auditor;
        }

        public void setAuditor(boolean auditor) {
            this.auditor = auditor;
        }

        public String getError() {
            return error;
        }

        /** The id of this line's error, and what its group field is described by. */
        public String getErrorId() {
            return "mapping-error-" + number;
        }

        public String getDescribedBy() {
            return error != null ? getErrorId() : "mapping-hint";
        }
    }

    public RoleMappingAdministration.View getView() {
        if (view == null) {
            view = mappings.view();
        }
        return view;
    }

    /** The lines of the form: built once a request, so a postback binds to the lines it was rendered with. */
    public List<Line> getLines() {
        if (lines == null) {
            lines = new ArrayList<>();
            for (GroupRoles shown : getView().mapping().lines()) {
                lines.add(new Line(lines.size() + 1, shown));
            }
            for (int i = 0; i < BLANK_LINES; i++) {
                lines.add(new Line(lines.size() + 1, null));
            }
        }
        return lines;
    }

    /** The version of the mapping the form shows (when it was last changed). */
    public String getVersion() {
        if (version == null) {
            version = currentVersion();
        }
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String save() {
        if (stale()) {
            return null;
        }
        List<RoleMapping.Draft> drafts = getLines().stream().map(Line::draft).toList();
        show(mappings.replace(ConsoleCaller.of(currentStaff, request), drafts),
                "Saved. People get the roles of this mapping at their next sign-in.");
        return null;
    }

    public String restoreConfigured() {
        if (stale()) {
            return null;
        }
        show(mappings.restoreConfigured(ConsoleCaller.of(currentStaff, request)),
                "The configured mapping is in force again. People get its roles at their next sign-in.");
        return null;
    }

    private boolean stale() {
        if (!currentVersion().equals(version)) {
            wholeError = "Another administrator changed the mapping while you were editing it. Nothing was saved; "
                    + "this is the mapping now in force. Make your change again.";
            reload();
            return true;
        }
        return false;
    }

    private void show(RoleMappingAdministration.Change change, String saved) {
        switch (change.outcome()) {
            case DONE -> {
                done = saved;
                reload();
            }
            case UNCHANGED -> {
                done = "Nothing was changed: this is the mapping in force.";
                reload();
            }
            case INVALID -> {
                for (Map.Entry<Integer, String> problem : change.problems().entrySet()) {
                    if (problem.getKey() == RoleMapping.WHOLE) {
                        wholeError = problem.getValue();
                    } else {
                        getLines().get(problem.getKey()).error = problem.getValue();
                    }
                }
            }
            case REFUSED_ROLE -> wholeError = "Only administrators change the group-to-role mapping.";
        }
    }

    private void reload() {
        view = null;
        lines = null;
        version = currentVersion();
    }

    private String currentVersion() {
        return getView().changedAt().map(java.time.Instant::toString).orElse("none");
    }

    public String getWholeError() {
        return wholeError;
    }

    public boolean isInvalid() {
        return wholeError != null || getLines().stream().anyMatch(line -> line.error != null);
    }

    public String getDone() {
        return done;
    }

    /** Where the mapping in force comes from, in one sentence. */
    public String getSource() {
        RoleMappingAdministration.View shown = getView();
        if (!shown.replaced()) {
            return "This is the configured mapping (set at first boot or by Ansible).";
        }
        return "This mapping was set in the console" + shown.changedBy().map(by -> " by " + by).orElse("")
                + shown.changedAt().map(at -> " on " + WHEN.format(at.atZone(ZoneId.systemDefault()))).orElse("")
                + "; it replaces the configured one (" + configuredText(shown.configured()) + ").";
    }

    private static String configuredText(RoleMapping configured) {
        return configured.lines().isEmpty() ? "nothing mapped" : String.join("; ", configured.lines().stream()
                .map(line -> line.group() + ": " + line.joinedRoles()).toList());
    }
}
