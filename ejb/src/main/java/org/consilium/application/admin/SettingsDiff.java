package org.consilium.application.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What changed between two sets of named settings, as the audit trail records it:
 * {@code changed} (names), {@code before} and {@code after} ("name=value; name=value", the
 * changed ones only).
 */
record SettingsDiff(List<String> changed, String before, String after) {

    static SettingsDiff of(Map<String, String> was, Map<String, String> now) {
        List<String> differ = new ArrayList<>();
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (String name : was.keySet()) {
            if (!was.get(name).equals(now.get(name))) {
                differ.add(name);
                before.append(before.isEmpty() ? "" : "; ").append(name).append('=').append(was.get(name));
                after.append(after.isEmpty() ? "" : "; ").append(name).append('=').append(now.get(name));
            }
        }
        return new SettingsDiff(List.copyOf(differ), before.toString(), after.toString());
    }

    boolean none() {
        return changed.isEmpty();
    }

    /**
     * A setting after a change: left to the configuration (empty) while it was and the value
     * asked is the configuration's; otherwise the value asked ({@code null}: as it was).
     */
    static <T> java.util.Optional<T> kept(java.util.Optional<T> before, T asked, T configured) {
        if (asked == null) {
            return before;
        }
        if (before.isEmpty() && asked.equals(configured)) {
            return before;
        }
        return java.util.Optional.of(asked);
    }
}
