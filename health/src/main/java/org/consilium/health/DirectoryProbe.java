package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Hashtable;
import java.util.Optional;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.InitialDirContext;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Tells whether the hospital directory answers LDAP at the URL the server's ldap-realm
 * uses ({@value #URL_PROPERTY}, the same property the server configuration reads). An
 * LDAP-level refusal (say, anonymous reads disabled) still proves the directory is up;
 * only a failure to talk LDAP at all counts as unreachable.
 */
@ApplicationScoped
public class DirectoryProbe {

    public static final String URL_PROPERTY = "consilium.directory.url";
    static final String DEFAULT_URL = "ldap://127.0.0.1:10389";
    private static final String TIMEOUT_MILLIS = "2000";

    public String url() {
        return ConfigProvider.getConfig().getOptionalValue(URL_PROPERTY, String.class).orElse(DEFAULT_URL);
    }

    /** @return why the directory cannot be reached, or empty when it answers */
    public Optional<String> problem() {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, url());
        env.put(Context.SECURITY_AUTHENTICATION, "none");
        env.put("com.sun.jndi.ldap.connect.timeout", TIMEOUT_MILLIS);
        env.put("com.sun.jndi.ldap.read.timeout", TIMEOUT_MILLIS);
        env.put("com.sun.jndi.ldap.connect.pool", "false");
        try {
            InitialDirContext context = new InitialDirContext(env);
            try {
                context.getAttributes("", new String[] {"namingContexts"});
            } finally {
                context.close();
            }
            return Optional.empty();
        } catch (CommunicationException | ServiceUnavailableException unreachable) {
            return Optional.of("directory unreachable: " + rootMessage(unreachable));
        } catch (NamingException answeredButRefused) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
