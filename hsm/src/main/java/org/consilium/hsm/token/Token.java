package org.consilium.hsm.token;

import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import javax.security.auth.login.LoginException;

/**
 * A logged-in PKCS#11 token: the SunPKCS11 provider that talks to it and the PKCS11
 * key store that names its objects by label. Token objects are private (visible only
 * after login).
 *
 * <p>Three ways in: {@link #login} configures SunPKCS11 from a {@link TokenConfig} and logs
 * in (unit tests, tools); {@link #attachLoggedIn} uses a provider from {@link #configure}
 * with the login someone else in this process made (the server: WildFly's Elytron PKCS11
 * key-store logs in with the PIN from the credential store); {@link #attach} takes a
 * provider and key store someone else already loaded.
 *
 * <p>PKCS#11 login state belongs to the process, not to a provider instance: every
 * session of this JVM on the same token is logged out by {@link #close()}. Only a token
 * opened with {@link #login} logs out on close.
 */
public final class Token implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Token.class.getName());

    private final Provider provider;
    private final KeyStore keyStore;
    private final boolean logsOutOnClose;

    private Token(Provider provider, KeyStore keyStore, boolean logsOutOnClose) {
        this.provider = provider;
        this.keyStore = keyStore;
        this.logsOutOnClose = logsOutOnClose;
    }

    /** Loads the library, selects the slot and logs in with the PIN, which is then wiped. */
    public static Token login(TokenConfig config, PinSource pinSource) {
        Provider provider = configure(config);
        char[] pin = pinSource.pin();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            LOG.log(System.Logger.Level.INFO, "logged in to the PKCS#11 token in {0} of {1}",
                    config.slot(), config.library());
            return new Token(provider, keyStore, true);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || e.getCause() instanceof LoginException) {
                throw new TokenException("the token in " + config.slot() + " refused the login (wrong PIN?)", e);
            }
            throw new TokenException("cannot log in to the token in " + config.slot() + ": " + rootMessage(e), e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("cannot log in to the token in " + config.slot() + ": " + rootMessage(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * A new SunPKCS11 provider for {@code config}'s library and slot, with its attribute
     * templates ({@link TokenConfig#sunPkcs11Text()}); it does not log in. Each call makes a
     * new provider instance, so keep the one you get.
     */
    public static Provider configure(TokenConfig config) {
        Provider sunPkcs11 = Security.getProvider("SunPKCS11");
        if (sunPkcs11 == null) {
            throw new TokenException("SunPKCS11 is not in this Java runtime (module jdk.crypto.cryptoki)");
        }
        try {
            return sunPkcs11.configure("--" + config.sunPkcs11Text());
        } catch (ProviderException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new TokenException("cannot open " + config.slot() + " of " + config.library()
                    + ": " + rootMessage(e), e);
        }
    }

    /**
     * The token behind {@code provider} (from {@link #configure}), through a login that
     * someone else in this process made and keeps: PKCS#11 login state belongs to the
     * process, so any provider for the same library and slot can use it. This is how the
     * server reaches the token without the PIN (WildFly's Elytron key store logs in with
     * the PIN from its credential store). Never logs in, and closing it never logs out.
     *
     * @throws NotLoggedInException if no login is in effect
     */
    public static Token attachLoggedIn(Provider provider) {
        Objects.requireNonNull(provider, "provider");
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance("PKCS11", provider);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("the provider " + provider.getName() + " has no PKCS11 key store: "
                    + rootMessage(e), e);
        }
        Token token = new Token(provider, keyStore, false);
        token.refresh(); // no PIN: only a login in effect lets the key store load
        return token;
    }

    /** A token whose key store is already loaded (logged in) with {@code provider}. */
    public static Token attach(Provider provider, KeyStore loggedInKeyStore) {
        return new Token(Objects.requireNonNull(provider, "provider"),
                Objects.requireNonNull(loggedInKeyStore, "loggedInKeyStore"), false);
    }

    public Provider provider() {
        return provider;
    }

    /**
     * Re-reads the token's objects; {@link NotLoggedInException} if no login is in effect. SunPKCS11's key store lists the objects once, at load,
     * so objects another process created or destroyed since are seen only after this.
     */
    public void refresh() {
        try {
            keyStore.load(null, null); // already logged in: only lists the objects again
        } catch (IOException e) {
            if (e.getCause() instanceof LoginException || e.getCause() instanceof UnrecoverableKeyException) {
                throw new NotLoggedInException(e); // without a PIN, load can only use a login in effect
            }
            throw new TokenException("cannot re-read the token's objects: " + rootMessage(e), e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("cannot re-read the token's objects: " + rootMessage(e), e);
        }
    }

    /** Labels of the objects the key store saw at its last load or {@link #refresh()}. */
    public Set<String> labels() {
        try {
            return Collections.unmodifiableSet(new TreeSet<>(Collections.list(keyStore.aliases())));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("cannot list the token's objects: " + rootMessage(e), e);
        }
    }

    /** The key labelled {@code label}, if the token has one (and we are logged in). */
    public Optional<Key> key(String label) {
        try {
            return Optional.ofNullable(keyStore.getKey(label, null));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("cannot read key " + label + ": " + rootMessage(e), e);
        }
    }

    public Optional<Certificate> certificate(String label) {
        try {
            return Optional.ofNullable(keyStore.getCertificate(label));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("cannot read certificate " + label + ": " + rootMessage(e), e);
        }
    }

    /**
     * Makes {@code key} (a session key this provider generated) a token object labelled
     * {@code label}; returns the token object. The key's attributes are kept: the copy is
     * as sensitive and unextractable as the original.
     */
    public Key storeSecretKey(String label, SecretKey key) {
        return store(label, new KeyStore.SecretKeyEntry(key));
    }

    /** Stores a private key with its certificate (the PKCS#11 key store wants one). */
    public Key storePrivateKey(String label, PrivateKey key, Certificate certificate) {
        return store(label, new KeyStore.PrivateKeyEntry(key, new Certificate[] {certificate}));
    }

    private Key store(String label, KeyStore.Entry entry) {
        try {
            if (keyStore.containsAlias(label)) {
                throw new TokenException("the token already has an object labelled " + label);
            }
            keyStore.setEntry(label, entry, null);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("cannot store " + label + " in the token: " + rootMessage(e), e);
        }
        return key(label).orElseThrow(() -> new TokenException("the token lost " + label + " right after storing it"));
    }

    /** Destroys the object(s) labelled {@code label} on the token. There is no undo. */
    public void destroy(String label) {
        try {
            keyStore.deleteEntry(label);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("cannot destroy " + label + ": " + rootMessage(e), e);
        }
    }

    /** Logs out if this token logged in; see the class comment on shared login state. */
    @Override
    public void close() {
        if (logsOutOnClose && provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException | ProviderException e) {
                LOG.log(System.Logger.Level.WARNING, "logging out of the token failed: {0}", rootMessage(e));
            }
        }
    }

    /** The innermost message: PKCS#11 return codes (CKR_…) are there. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
