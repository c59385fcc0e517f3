package org.consilium.infrastructure.hsm;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.security.Provider;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.consilium.hsm.HsmStatus;
import org.consilium.hsm.HsmStatusSource;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.NotLoggedInException;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenConfig;
import org.consilium.hsm.token.TokenException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Attaches the {@link KeyService} to the token at startup, creating Consilium's keys on
 * first start (one node of a cluster at a time: {@link KeyCreationLock}), through the login that WildFly's Elytron key-store {@code consilium-hsm}
 * made with the PIN from the credential store (see the package comment).
 *
 * <p>When the token cannot be used (no login yet, library or slot wrong, token away), the
 * deployment still comes up: {@link #status()} says why (the readiness check
 * {@code hsm} reports it), and an attempt is made again every {@value #RETRY_MILLIS} ms
 * until one succeeds. After an HSM outage at boot, the Elytron key store logs in again with
 * {@code /subsystem=elytron/key-store=consilium-hsm:load} (or a restart).
 *
 * <p>Health checks live in an EAR library, which cannot see this jar's classes: they look
 * this bean up as {@link HsmStatusSource} ({@code java:global/consilium/consilium-ejb/HsmKeys!org.consilium.hsm.HsmStatusSource}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // after the schema is migrated, as every startup bean (StartupOrderTest)
@LocalBean
@Local(HsmStatusSource.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HsmKeys implements HsmStatusSource {

    static final long RETRY_MILLIS = 5_000;
    static final String NOT_LOGGED_IN = "not logged in to the token: the Elytron key-store consilium-hsm has not "
            + "logged in (PIN: credential store consilium-secrets, alias hsm-pin; see server.log)";

    private static final Logger LOG = Logger.getLogger(HsmKeys.class.getName());

    @Resource
    TimerService timers;

    /** Orders the first start's key creation between the nodes of a cluster ({@link KeyCreationLock}). */
    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource database;

    private volatile KeyService keys;
    private volatile String where = "the token";
    private volatile boolean tokenAnswered;
    private volatile String problem = "not attached to the token yet";
    /** The application's SunPKCS11 instance, made once (each configure makes a new one). */
    private Provider provider;
    private String lastLoggedProblem;

    @PostConstruct
    void start() {
        if (!attach()) {
            timers.createIntervalTimer(RETRY_MILLIS, RETRY_MILLIS, new TimerConfig("attach to the HSM", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (attach()) {
            timer.cancel();
        }
    }

    private synchronized boolean attach() {
        if (keys != null) {
            return true;
        }
        try {
            TokenConfig config = TokenSettings.from(ConfigProvider.getConfig());
            where = TokenSettings.describe(config);
            if (provider == null) {
                provider = Token.configure(config);
            }
            tokenAnswered = true;
            Provider loggedIn = provider;
            Optional<KeyService> found = KeyCreationLock.around(database,
                    () -> KeyService.open(Token.attachLoggedIn(loggedIn), KeyLabels.CONSILIUM));
            if (found.isEmpty()) {
                fail(KeyCreationLock.TAKEN);
                return false;
            }
            KeyService opened = found.get();
            keys = opened;
            problem = null;
            HsmStatus status = opened.status();
            LOG.info(() -> "Attached to the token in " + where + ": KEK version " + status.currentKekVersion()
                    + ", audit signing key " + opened.auditSigner().keyId()
                    + ", invitation key " + present(status.invitationKeyPresent()));
            return true;
        } catch (NotLoggedInException notLoggedIn) {
            fail(NOT_LOGGED_IN);
        } catch (TokenException | IllegalArgumentException unusable) {
            tokenAnswered = provider != null;
            fail(unusable.getMessage());
        } catch (RuntimeException unforeseen) { // a provider's own exception: still no reason to fail the deployment
            tokenAnswered = provider != null;
            if (!unforeseen.toString().equals(lastLoggedProblem)) {
                LOG.log(Level.WARNING, "Attaching to the HSM failed unexpectedly", unforeseen);
            }
            fail(unforeseen.toString());
        }
        return false;
    }

    private void fail(String why) {
        problem = why;
        if (!why.equals(lastLoggedProblem)) {
            lastLoggedProblem = why;
            LOG.warning(() -> "The HSM is not available (" + why + "); trying again every " + RETRY_MILLIS / 1000 + " s");
        } else {
            LOG.log(Level.FINE, "The HSM is still not available: {0}", why);
        }
    }

    /** The key service, once attached. */
    public Optional<KeyService> keyService() {
        return Optional.ofNullable(keys);
    }

    /** Why there is no key service yet, if there is none. */
    public Optional<String> problem() {
        return keys != null ? Optional.empty() : Optional.ofNullable(problem);
    }

    @Override
    public String token() {
        return where;
    }

    @Override
    public HsmStatus status() {
        KeyService attached = keys;
        if (attached != null) {
            return attached.status();
        }
        return new HsmStatus(tokenAnswered, false, new TreeSet<>(), 0, false, false,
                List.of(problem != null ? problem : "not attached to the token"));
    }

    @Override
    public Optional<String> auditKeyId() {
        return keyService().map(attached -> attached.auditSigner().keyId());
    }

    @PreDestroy
    void stop() {
        KeyService attached = keys;
        if (attached != null) {
            attached.close(); // an attached token never logs out: Elytron's login stays
        }
    }

    private static String present(boolean present) {
        return present ? "present" : "missing";
    }
}
