package org.consilium.server.support;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** System properties of the running test server, set and removed through its management API (read at once by MicroProfile Config). */
public final class SystemProperties {

    private SystemProperties() {
    }

    public static void set(ManagementClient management, String name, String value) throws Exception {
        unset(management, name);
        ModelNode add = Operations.createAddOperation(Operations.createAddress("system-property", name));
        add.get("value").set(value);
        ServerReload.execute(management, add);
    }

    /** Removes it if it is set. */
    public static void unset(ManagementClient management, String name) throws Exception {
        management.getControllerClient().execute(Operations.createRemoveOperation(
                Operations.createAddress("system-property", name)));
    }
}
