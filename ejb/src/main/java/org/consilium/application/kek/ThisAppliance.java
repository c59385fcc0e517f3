package org.consilium.application.kek;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * This appliance's name as its rewrap reports are recorded under ({@code jboss.node.name}, the
 * cluster's name for it). Not on {@link KekRewrapJob}: a static method on a session bean makes
 * WildFly warn at every deployment (WFLYEJB0131).
 */
public final class ThisAppliance {

    private ThisAppliance() {
    }

    public static String name() {
        return ConfigProvider.getConfig().getOptionalValue("jboss.node.name", String.class).orElse("unknown");
    }
}
