package org.consilium.domain.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consilium.domain.Role;

/**
 * Which directory groups grant which Consilium roles (REQUIREMENTS S2). Groups not listed
 * grant nothing. Group names compare without regard to case, as directories do. A mapping
 * always lets some group administer Consilium, or nobody could change it back.
 */
public record RoleMapping(List<GroupRoles> lines) {

    /** Longest group name accepted (an LDAP cn is at most 64 in AD; DNs and other directories vary). */
    public static final int MAX_GROUP_LENGTH = 256;
    /** More lines than any hospital needs; bounds what a hand-made request can store. */
    public static final int MAX_LINES = 100;
    /** The key of a problem that belongs to the whole mapping rather than a line. */
    public static final int WHOLE = -1;

    public RoleMapping {
        lines = List.copyOf(lines);
    }

    /** The roles that {@code groups} grant. */
    public Set<Role> rolesOf(Collection<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups) {
            String key = key(group);
            lines.stream().filter(line -> key(line.group()).equals(key)).forEach(line -> roles.addAll(line.roles()));
        }
        return roles;
    }

    /** As the server's role mapper takes it: group name to role names. */
    public Map<String, List<String>> asRoleNames() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        lines.forEach(line -> names.put(line.group(), line.roles().stream().map(Role::roleName).toList()));
        return names;
    }

    /** The mapping given as role names (the server configuration's); unknown role names are left out. */
    public static RoleMapping ofRoleNames(Map<String, ? extends Collection<String>> names) {
        List<GroupRoles> lines = new ArrayList<>();
        names.forEach((group, roles) -> {
            Set<Role> known = EnumSet.noneOf(Role.class);
            roles.forEach(name -> Role.fromRoleName(name).ifPresent(known::add));
            lines.add(new GroupRoles(group, known));
        });
        return new RoleMapping(lines);
    }

    /** What a person typed, before it is checked. */
    public record Draft(String group, Set<Role> roles) {
    }

    /** A checked mapping, or the problems of the draft: by line index, {@link #WHOLE} for the mapping. */
    public record Checked(Optional<RoleMapping> mapping, Map<Integer, String> problems) {
    }

    /**
     * Checks what an administrator typed. A line with no group name and no role is empty and
     * ignored; a line with a group name and no role is dropped (that is how a group is
     * removed).
     */
    public static Checked check(List<Draft> drafts) {
        Map<Integer, String> problems = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<GroupRoles> lines = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            String group = draft.group() == null ? "" : draft.group().strip();
            Set<Role> roles = draft.roles() == null ? Set.of() : draft.roles();
            if (group.isEmpty()) {
                if (!roles.isEmpty()) {
                    problems.put(i, "Give the name of the directory group that grants these roles.");
                }
                continue;
            }
            Optional<String> wrong = groupProblem(group);
            if (wrong.isPresent()) {
                problems.put(i, wrong.get());
                continue;
            }
            Integer earlier = seen.putIfAbsent(key(group), i);
            if (earlier != null) {
                problems.put(i, "This group is already on line " + (earlier + 1)
                        + " (names are compared without regard to case); tick all its roles there.");
                continue;
            }
            if (!roles.isEmpty()) {
                lines.add(new GroupRoles(group, roles));
            }
        }
        if (lines.size() > MAX_LINES) {
            problems.put(WHOLE, "At most " + MAX_LINES + " groups can be mapped.");
        }
        if (problems.isEmpty() && lines.stream().noneMatch(line -> line.grants(Role.ADMIN))) {
            problems.put(WHOLE, "At least one group must grant admin, or nobody could run the console and change this back.");
        }
        return problems.isEmpty() ? new Checked(Optional.of(new RoleMapping(lines)), Map.of())
                : new Checked(Optional.empty(), problems);
    }

    private static Optional<String> groupProblem(String group) {
        if (group.length() > MAX_GROUP_LENGTH) {
            return Optional.of("A group name has at most " + MAX_GROUP_LENGTH + " characters.");
        }
        if (group.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("A group name cannot contain control characters (tabs, line breaks).");
        }
        return Optional.empty();
    }

    static String key(String group) {
        return group.strip().toLowerCase(Locale.ROOT);
    }

    /** One line per group, "group TAB role,role": how the mapping is stored. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.group()).append('\t')
                .append(String.join(",", line.roles().stream().map(Role::roleName).toList())).append('\n'));
        return text.toString();
    }

    public static RoleMapping fromText(String text) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                names.put(line.substring(0, tab), List.of(line.substring(tab + 1).split(",")));
            }
        }
        return ofRoleNames(names);
    }
}
