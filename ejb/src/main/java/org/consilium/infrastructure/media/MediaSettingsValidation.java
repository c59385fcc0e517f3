package org.consilium.infrastructure.media;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Fails the deployment when a media setting cannot be used, with {@link MediaSettings}'
 * message naming the property, as soon as CDI has discovered the beans: before any bean,
 * {@code @Startup} bean or timer has started, and before the server's health extension has
 * registered the application's checks (on WildFly 39 a deployment that fails in CDI's
 * deployment validation leaves them registered, and readiness answers 503 until the server
 * restarts). Thrown from {@link MediaBridge}'s {@code @PostConstruct}, the same failure can
 * leave WildFly unable to undeploy the application (see there). Registered in
 * META-INF/services/jakarta.enterprise.inject.spi.Extension.
 */
public class MediaSettingsValidation implements Extension {

    void validate(@Observes AfterBeanDiscovery discovered) {
        try {
            MediaSettings.from(MediaSettings.config());
        } catch (IllegalArgumentException unusable) {
            discovered.addDefinitionError(unusable);
        }
    }
}
