package org.consilium.application.call;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails the deployment when a call limit or the reconnect grace cannot be used, naming the property, as soon as
 * CDI has discovered the beans (the same moment and for the same reasons as the media
 * settings: see {@code MediaSettingsValidation}). Registered in
 * META-INF/services/jakarta.enterprise.inject.spi.Extension.
 */
public class CallLimitsValidation implements Extension {

    void validate(@Observes AfterBeanDiscovery discovered) {
        try {
            CallLimits.from(ConfigProvider.getConfig(CallLimits.class.getClassLoader()));
            ReconnectGrace.from(ConfigProvider.getConfig(ReconnectGrace.class.getClassLoader()));
        } catch (IllegalArgumentException unusable) {
            discovered.addDefinitionError(unusable);
        }
    }
}
