package org.consilium.clientcert;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.security.auth.callback.CallbackHandler;
import org.wildfly.security.http.HttpAuthenticationException;
import org.wildfly.security.http.HttpServerAuthenticationMechanism;
import org.wildfly.security.http.HttpServerAuthenticationMechanismFactory;

/**
 * Offers CLIENT_CERT as {@link FallThroughClientCertMechanism}: Elytron's own mechanism
 * (found among Elytron's mechanism factories, so every check it makes stays Elytron's),
 * wrapped. Found by Elytron's service-loader-http-server-mechanism-factory in this module;
 * placed before Elytron's global factory in an aggregate, its CLIENT_CERT is the one used.
 */
public final class FallThroughClientCertMechanismFactory implements HttpServerAuthenticationMechanismFactory {

    static final String CLIENT_CERT = "CLIENT_CERT";

    private final HttpServerAuthenticationMechanismFactory elytron = elytronClientCert();

    @Override
    public String[] getMechanismNames(Map<String, ?> properties) {
        return elytron == null ? new String[0] : new String[] {CLIENT_CERT};
    }

    @Override
    public HttpServerAuthenticationMechanism createAuthenticationMechanism(String mechanismName, Map<String, ?> properties,
                                                                           CallbackHandler callbackHandler)
            throws HttpAuthenticationException {
        if (elytron == null || !CLIENT_CERT.equals(mechanismName)) {
            return null;
        }
        HttpServerAuthenticationMechanism mechanism = elytron.createAuthenticationMechanism(mechanismName, properties,
                callbackHandler);
        return mechanism == null ? null : new FallThroughClientCertMechanism(mechanism);
    }

    /** Elytron's CLIENT_CERT factory, from Elytron's own service registrations (null outside WildFly). */
    private static HttpServerAuthenticationMechanismFactory elytronClientCert() {
        ClassLoader elytron = HttpServerAuthenticationMechanismFactory.class.getClassLoader();
        Iterator<HttpServerAuthenticationMechanismFactory> factories =
                ServiceLoader.load(HttpServerAuthenticationMechanismFactory.class, elytron).iterator();
        while (true) {
            try {
                if (!factories.hasNext()) {
                    return null;
                }
                HttpServerAuthenticationMechanismFactory factory = factories.next();
                if (!(factory instanceof FallThroughClientCertMechanismFactory)
                        && Arrays.asList(factory.getMechanismNames(Map.of())).contains(CLIENT_CERT)) {
                    return factory;
                }
            } catch (ServiceConfigurationError | RuntimeException unusable) {
                // a factory whose own dependencies are not there (e.g. OIDC); not the one we want
            }
        }
    }
}
