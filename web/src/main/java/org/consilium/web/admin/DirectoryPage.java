package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.DirectoryAdministration;
import org.consilium.application.admin.StaffDirectory;
import org.consilium.domain.Role;
import org.consilium.domain.Username;

/**
 * The Directory and roles page (administrators only, web.xml): test the connection, look a
 * person up and see the roles a sign-in would give them (the mapping: {@link RoleMappingForm}).
 */
@Named("directoryPage")
@RequestScoped
public class DirectoryPage {

    @Inject
    DirectoryAdministration directory;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private String username;
    private String usernameError;
    private DirectoryAdministration.ConnectionTest test;
    private StaffDirectory.Lookup lookup;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getUsernameError() {
        return usernameError;
    }

    public String test() {
        test = directory.test(ConsoleCaller.of(currentStaff, request)).orElse(null);
        return null;
    }

    public String lookUp() {
        Username who;
        try {
            who = new Username(username == null ? "" : username);
        } catch (IllegalArgumentException invalid) {
            usernameError = "Give the user name (directory login, at most " + Username.MAX_LENGTH
                    + " characters) of the person to look up.";
            return null;
        }
        lookup = directory.lookup(ConsoleCaller.of(currentStaff, request), who).orElse(null);
        return null;
    }

    public boolean isTested() {
        return test != null;
    }

    public boolean isTestOk() {
        return test != null && test.ok();
    }

    /** One sentence for each step of the connection test. */
    public String getTestReach() {
        StaffDirectory.Probe reach = test.reach();
        return reach.ok()
                ? "The directory at " + test.url() + " answered LDAP in " + millis(reach.took()) + "."
                : "The directory at " + test.url() + " did not answer (" + millis(reach.took()) + "): "
                        + reach.problem().orElse("") + ".";
    }

    public String getTestLookup() {
        StaffDirectory.Lookup own = test.lookup();
        if (own.problem().isPresent()) {
            return "Looking up your own account (service-account bind and search) failed after " + millis(own.took())
                    + ": " + own.problem().get() + ".";
        }
        if (!own.found()) {
            return "The service account searched in " + millis(own.took()) + " but did not find your own account "
                    + own.username().value() + ": check consilium.directory.users-dn and user-attribute.";
        }
        return "Looking up your own account " + own.username().value() + " (service-account bind, search, groups) took "
                + millis(own.took()) + " and found " + plural(own.groups().size(), "group") + ".";
    }

    public boolean isLookedUp() {
        return lookup != null;
    }

    public StaffDirectory.Lookup getLookup() {
        return lookup;
    }

    public String getLookupSummary() {
        String who = lookup.username().value();
        if (lookup.problem().isPresent()) {
            return "Could not look up " + who + " (" + millis(lookup.took()) + "): " + lookup.problem().get() + ".";
        }
        if (!lookup.found()) {
            return "There is no " + who + " in the directory (searched in " + millis(lookup.took()) + ").";
        }
        return lookup.displayName().orElse(who) + " (" + who + ") is in the directory; found in "
                + millis(lookup.took()) + ".";
    }

    public String getLookupGroups() {
        return lookup.groups().isEmpty() ? "none" : String.join(", ", lookup.groups());
    }

    public String getLookupRoles() {
        if (lookup.roles().isEmpty()) {
            return "none: no group of theirs is mapped, so they cannot use Consilium (they see \"no access\" after signing in)";
        }
        return String.join(", ", lookup.roles().stream().map(Role::roleName).toList());
    }

    static String millis(Duration took) {
        return took.toMillis() + " ms";
    }

    private static String plural(int n, String one) {
        return n + " " + one + (n == 1 ? "" : "s");
    }
}
