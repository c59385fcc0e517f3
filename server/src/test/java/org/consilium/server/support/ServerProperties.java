package org.consilium.server.support;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** System properties of the test server, set and removed at run time through its management API. */
public final class ServerProperties {

    private ServerProperties() {
    }

    /** Sets {@code property} to {@code value} (replacing any value it had). */
    public static void set(ManagementClient management, String property, String value) throws Exception {
        remove(management, property);
        ModelNode add = Operations.createAddOperation(Operations.createAddress("system-property", property));
        add.get("value").set(value);
        ModelNode outcome = management.getControllerClient().execute(add);
        if (!Operations.isSuccessfulOutcome(outcome)) {
            throw new AssertionError(Operations.getFailureDescription(outcome).asString());
        }
    }

    /** Removes {@code property}, if it is set. */
    public static void remove(ManagementClient management, String property) throws Exception {
        management.getControllerClient().execute(
                Operations.createRemoveOperation(Operations.createAddress("system-property", property)));
    }
}
