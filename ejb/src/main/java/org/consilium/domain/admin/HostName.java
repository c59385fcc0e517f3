package org.consilium.domain.admin;

import java.util.regex.Pattern;

/**
 * A host name (RFC 1123: letters, digits and hyphens in dot-separated labels of at most 63,
 * 253 in all) or a dotted IPv4 address, as the appliance's settings accept them: nothing
 * that could smuggle a second value or an option into a configuration file.
 */
public final class HostName {

    public static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");

    private HostName() {
    }

    public static boolean valid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        if (IPV4.matcher(name).matches()) {
            return true;
        }
        if (name.matches("[0-9.]+")) {
            return false; // looks like an address but is not one
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
