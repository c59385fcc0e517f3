package org.consilium.server.support;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** The members of the test server's cluster view, as its JGroups channel resource shows them. */
public final class ChannelView {

    /**
     * {@code [coordinator|id] (n) [member(v=…), …]}, after a merge followed by
     * {@code , 2 subgroups: […], […]}: the first list is the view's.
     */
    private static final Pattern VIEW_MEMBERS = Pattern.compile("\\(\\d+\\)\\s*\\[([^\\]]*)]");

    private ChannelView() {
    }

    /** The members' names, sorted (after a merge either node may coordinate). */
    public static List<String> members(ManagementClient management) throws Exception {
        ModelNode read = Operations.createReadAttributeOperation(
                Operations.createAddress("subsystem", "jgroups", "channel", "ee"), "view");
        Matcher m = VIEW_MEMBERS.matcher(ServerReload.execute(management, read).asString().strip());
        if (!m.find()) {
            return List.of();
        }
        return Arrays.stream(m.group(1).split(","))
                .map(member -> member.strip().replaceFirst("\\(v=[^)]*\\)$", ""))
                .filter(member -> !member.isEmpty())
                .sorted()
                .toList();
    }
}
