package org.consilium.infrastructure.admin;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads (never writes) WildFly's management model through the platform MBean server,
 * where the jmx subsystem exposes it in the {@code jboss.as} domain: the JGroups
 * channels' views. Anything that cannot
 * be read comes back empty; the console then says so.
 */
public final class ServerModel {

    private ServerModel() {
    }

    /** The attribute {@code attribute} of the resource {@code name} ({@code jboss.as:subsystem=…,…}), if readable. */
    public static Optional<Object> attribute(String name, String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            return Optional.ofNullable(server.getAttribute(new ObjectName(name), attribute));
        } catch (JMException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The resources matching a pattern such as {@code jboss.as:subsystem=jgroups,channel=*}. */
    public static Set<ObjectName> resources(String pattern) {
        try {
            return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(pattern), null);
        } catch (JMException | RuntimeException unreadable) {
            return Set.of();
        }
    }

    /** A list attribute (array, collection or single value) as strings. */
    public static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.addAll(strings(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> many) {
            many.forEach(one -> out.addAll(strings(one)));
        } else {
            out.add(value.toString());
        }
        return out;
    }
}
