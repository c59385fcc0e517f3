package org.consilium.rolemapper;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The group-to-role mapping in force in this JVM. The server configuration gives the
 * <em>configured</em> mapping (first boot, Ansible); the application may put a
 * <em>replacement</em> in force (the console's, stored in the database), which wins until it
 * is withdrawn. Both are immutable snapshots swapped whole, so a sign-in never sees half of a
 * change. Static because the mapper (created by Elytron) and the application (another class
 * loader, which imports this module) have nothing else in common.
 */
public final class GroupRoleTable {

    private static volatile Map<String, Set<String>> configured = Map.of();
    private static volatile Map<String, Set<String>> replacement;

    private GroupRoleTable() {
    }

    /** Called by the mapper when the server starts it. */
    static void configure(Map<String, ? extends Collection<String>> mapping) {
        configured = snapshot(mapping);
    }

    /** Puts {@code mapping} in force for every later sign-in and access check. */
    public static void replace(Map<String, ? extends Collection<String>> mapping) {
        replacement = snapshot(mapping);
    }

    /** Goes back to the configured mapping. */
    public static void withdraw() {
        replacement = null;
    }

    /** The configured mapping (group as configured, in order). */
    public static Map<String, Set<String>> configured() {
        return configured;
    }

    /** The replacement in force, if any. */
    public static Optional<Map<String, Set<String>>> replacement() {
        return Optional.ofNullable(replacement);
    }

    /** What a sign-in gets now. */
    public static Map<String, Set<String>> inForce() {
        Map<String, Set<String>> replaced = replacement;
        return replaced != null ? replaced : configured;
    }

    /**
     * The roles that {@code groups} grant under the mapping in force. Group names compare
     * without regard to case, as directories (Active Directory, OpenLDAP's cn) do.
     */
    public static Set<String> rolesOf(Iterable<String> groups) {
        Map<String, Set<String>> mapping = inForce();
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        mapping.forEach((group, roles) -> byKey.merge(key(group), roles, GroupRoleTable::union));
        Set<String> granted = new LinkedHashSet<>();
        for (String group : groups) {
            Set<String> roles = byKey.get(key(group));
            if (roles != null) {
                granted.addAll(roles);
            }
        }
        return granted;
    }

    static String key(String group) {
        return group.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.addAll(b);
        return both;
    }

    private static Map<String, Set<String>> snapshot(Map<String, ? extends Collection<String>> mapping) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        mapping.forEach((group, roles) -> copy.put(group, Collections.unmodifiableSet(new LinkedHashSet<>(roles))));
        return Collections.unmodifiableMap(copy);
    }
}
