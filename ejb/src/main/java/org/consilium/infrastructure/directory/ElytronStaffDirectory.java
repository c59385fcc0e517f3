package org.consilium.infrastructure.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.consilium.application.admin.StaffDirectory;
import org.consilium.domain.Role;
import org.consilium.domain.Username;
import org.consilium.health.DirectoryProbe;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.auth.server.ServerAuthenticationContext;
import org.wildfly.security.authz.Attributes;

/**
 * The directory through the server's own security domain: a lookup runs the ldap-realm
 * (service-account bind, search under the users' base, groups) and the domain's role
 * decoder and group-to-role mapper, exactly as a sign-in does, but without a password and
 * without signing anyone in (the authentication context is authorised, read and dropped).
 */
@ApplicationScoped
public class ElytronStaffDirectory implements StaffDirectory {

    static final String GROUPS = "Groups";

    @Inject
    DirectoryProbe probe;

    @Override
    public String url() {
        return probe.url();
    }

    @Override
    public Probe reach() {
        long start = System.nanoTime();
        Optional<String> problem = probe.problem();
        return new Probe(Duration.ofNanos(System.nanoTime() - start), problem);
    }

    @Override
    public Lookup lookup(Username who) {
        long start = System.nanoTime();
        SecurityDomain domain = SecurityDomain.getCurrent();
        if (domain == null) {
            return failed(who, start, "no security domain on this thread");
        }
        ServerAuthenticationContext context = domain.createNewAuthenticationContext();
        try {
            context.setAuthenticationName(who.value());
            if (!context.exists()) {
                return new Lookup(who, false, Optional.empty(), List.of(), Set.of(), since(start), Optional.empty());
            }
            if (!context.authorize()) {
                return new Lookup(who, true, Optional.empty(), List.of(), Set.of(), since(start),
                        Optional.of("the security domain does not let this identity sign in"));
            }
            SecurityIdentity identity = context.getAuthorizedIdentity();
            Attributes attributes = identity.getAttributes();
            List<String> groups = new ArrayList<>(new TreeSet<>(attributes.get(GROUPS)));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            identity.getRoles().forEach(name -> Role.fromRoleName(name).ifPresent(roles::add));
            String displayName = attributes.getFirst(ElytronCurrentStaff.DISPLAY_NAME);
            return new Lookup(who, true, Optional.ofNullable(displayName), groups, roles, since(start), Optional.empty());
        } catch (RealmUnavailableException unavailable) {
            return failed(who, start, "the directory did not answer: " + rootMessage(unavailable));
        } catch (RuntimeException unforeseen) {
            return failed(who, start, "the lookup failed: " + rootMessage(unforeseen));
        } finally {
            try {
                context.fail(); // nobody signs in through this context
            } catch (RuntimeException alreadyDone) {
                // authorised contexts may refuse; nothing was established either way
            }
        }
    }

    private static Lookup failed(Username who, long start, String why) {
        return new Lookup(who, false, Optional.empty(), List.of(), Set.of(), since(start), Optional.of(why));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
