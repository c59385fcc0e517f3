package org.consilium.hsm.kek;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.consilium.hsm.token.KeyAttributes;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenException;

/**
 * The versions of the key-encryption key on a token. Version numbers only grow: the
 * current (highest) version cannot be destroyed, so a number is never reused.
 *
 * <p>Creating a version is not atomic across processes; the first start of an appliance
 * creates v1 before any peer is started (several processes racing on an empty token
 * could each create one).
 */
public final class KekRing {

    private static final System.Logger LOG = System.getLogger(KekRing.class.getName());

    private final Token token;
    private final KeyLabels labels;
    private final SortedMap<Integer, Kek> versions = new TreeMap<>();

    private KekRing(Token token, KeyLabels labels) {
        this.token = token;
        this.labels = labels;
    }

    /** The KEK versions on the token; creates v1 if there is none. */
    public static KekRing openOrCreate(Token token, KeyLabels labels) {
        KekRing ring = new KekRing(token, labels);
        synchronized (ring) {
            ring.reload();
            if (ring.versions.isEmpty()) {
                ring.create(1);
            }
        }
        return ring;
    }

    /** The version new data keys are wrapped with, as of this ring's last look at the token. */
    public synchronized Kek current() {
        if (versions.isEmpty()) {
            throw new TokenException("no KEK is left on the token (" + labels.kek(1) + "… were destroyed outside this service)");
        }
        return versions.get(versions.lastKey());
    }

    /**
     * Looks at the token again and returns the current version: another appliance sharing
     * the token may have rotated (or destroyed an old version) since this ring last looked.
     * The rewrap job calls it before each pass, so that it rewraps to the newest version and
     * its own new data keys are wrapped under it from then on.
     */
    public synchronized Kek refresh() {
        reload();
        return current();
    }

    /**
     * The given version, looking at the token again if this ring has not seen it (another
     * appliance may have rotated). Empty if the token does not have it: destroyed, or
     * never created there.
     */
    public synchronized Optional<Kek> version(int version) {
        if (!versions.containsKey(version)) {
            reload();
        }
        return Optional.ofNullable(versions.get(version));
    }

    public synchronized SortedSet<Integer> versions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(versions.keySet()));
    }

    /** Adds version current+1, which from now on wraps new data keys. Old versions stay. */
    public synchronized Kek rotate() {
        reload();
        return create(versions.lastKey() + 1);
    }

    /**
     * Destroys a KEK version on the token: every data key still wrapped under it, and so
     * every object it protects, becomes unreadable for good (crypto-shredding). Rewrap the
     * objects to keep first ({@code Envelopes.rewrap}). The current version is refused:
     * rotate first.
     */
    public synchronized void destroy(int version) {
        reload();
        if (!versions.containsKey(version)) {
            throw new IllegalArgumentException("there is no KEK v" + version + " on the token");
        }
        if (version == versions.lastKey()) {
            throw new IllegalStateException("KEK v" + version + " is the current version; rotate before destroying it");
        }
        token.destroy(labels.kek(version));
        versions.remove(version);
        LOG.log(System.Logger.Level.WARNING, "destroyed {0}: data keys wrapped under it are shredded",
                labels.kek(version));
    }

    private void reload() {
        token.refresh();
        var onToken = token.labels();
        for (String label : onToken) {
            OptionalInt version = labels.kekVersion(label);
            if (version.isPresent() && !versions.containsKey(version.getAsInt())) {
                token.key(label).ifPresent(key -> versions.put(version.getAsInt(), new Kek(version.getAsInt(), label, key)));
            }
        }
        // Forget versions someone else destroyed.
        versions.entrySet().removeIf(e -> !onToken.contains(e.getValue().label()));
    }

    private Kek create(int version) {
        String label = labels.kek(version);
        SecretKey sessionKey;
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES", token.provider());
            generator.init(256);
            sessionKey = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new TokenException("the token cannot generate AES-256 keys", e);
        }
        KeyAttributes.requireSealed(sessionKey, label);
        Key stored = token.storeSecretKey(label, sessionKey);
        KeyAttributes.requireSealed(stored, label);
        Kek kek = new Kek(version, label, stored);
        versions.put(version, kek);
        LOG.log(System.Logger.Level.INFO, "created {0} in the token", label);
        return kek;
    }
}
