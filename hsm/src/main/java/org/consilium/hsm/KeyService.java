package org.consilium.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.consilium.hsm.envelope.EnvelopeException;
import org.consilium.hsm.envelope.Envelopes;
import org.consilium.hsm.invitation.InvitationMac;
import org.consilium.hsm.kek.KekRing;
import org.consilium.hsm.signing.AuditSigner;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.NotLoggedInException;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenException;

/**
 * Consilium's keys on one token: found by label, created there on first use. Opening it
 * on a token that already has the keys uses them (nothing is created twice).
 *
 * <pre>
 * try (Token token = Token.login(config, () -&gt; secrets.hsmPin());
 *      KeyService keys = KeyService.open(token, KeyLabels.CONSILIUM)) { … }
 * </pre>
 */
public final class KeyService implements AutoCloseable {

    private final Token token;
    private final KeyLabels labels;
    private final KekRing keks;
    private final Envelopes envelopes;
    private final AuditSigner auditSigner;
    private final InvitationMac invitationMac;

    private KeyService(Token token, KeyLabels labels) {
        this.token = token;
        this.labels = labels;
        this.keks = KekRing.openOrCreate(token, labels);
        this.envelopes = new Envelopes(token, keks);
        this.auditSigner = AuditSigner.openOrCreate(token, labels);
        this.invitationMac = InvitationMac.openOrCreate(token, labels);
    }

    /** Opens (creating what is missing) the keys labelled under {@code labels} on a logged-in token. */
    public static KeyService open(Token token, KeyLabels labels) {
        return new KeyService(token, labels);
    }

    public Envelopes envelopes() {
        return envelopes;
    }

    /** KEK versions: rotation, and (carefully) destruction. */
    public KekRing keks() {
        return keks;
    }

    public AuditSigner auditSigner() {
        return auditSigner;
    }

    public InvitationMac invitationMac() {
        return invitationMac;
    }

    /** Looks at the token now, and round-trips an empty envelope through the current KEK. */
    public HsmStatus status() {
        Set<String> onToken;
        try {
            token.refresh();
            onToken = token.labels();
        } catch (NotLoggedInException e) {
            return HsmStatus.loggedOut();
        } catch (TokenException e) {
            return HsmStatus.unreachable(e.getMessage());
        }
        TreeSet<Integer> versions = new TreeSet<>();
        for (String label : onToken) {
            OptionalInt version = labels.kekVersion(label);
            version.ifPresent(versions::add);
        }
        int current = versions.isEmpty() ? 0 : versions.last();
        boolean loggedIn = current > 0 && token.key(labels.kek(current)).isPresent();
        boolean audit = onToken.contains(labels.auditSigning());
        boolean invitations = onToken.contains(labels.invitations());

        List<String> problems = new ArrayList<>();
        if (current == 0) {
            problems.add("no key-encryption key on the token");
        }
        if (!loggedIn) {
            problems.add("not logged in to the token (its keys are not visible)");
        }
        if (!audit) {
            problems.add("no audit signing key " + labels.auditSigning() + " on the token");
        }
        if (!invitations) {
            problems.add("no invitation key " + labels.invitations() + " on the token");
        }
        if (problems.isEmpty()) {
            try {
                envelopes.decrypt(envelopes.encrypt(new byte[0]));
            } catch (EnvelopeException | TokenException e) {
                problems.add("the current KEK does not work: " + e.getMessage());
            }
        }
        return new HsmStatus(true, loggedIn, versions, current, audit, invitations, problems);
    }

    /** Closes the token (logs out if it logged in). */
    @Override
    public void close() {
        token.close();
    }
}
