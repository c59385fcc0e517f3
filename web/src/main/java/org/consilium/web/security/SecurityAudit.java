package org.consilium.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.List;
import org.consilium.application.CertificateRefusal;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;

/**
 * The audit events of signing in and out and of refused access (REQUIREMENTS D1), built
 * from the HTTP request: who (directory username), with which roles, from which address.
 */
@ApplicationScoped
public class SecurityAudit {

    /** Session attribute: who signed in, for the event when the session ends without a sign-out. */
    static final String SIGNED_IN = "consilium.audit.signedIn";
    /** The actor of a refused certificate that names no account. */
    static final String UNNAMED_CERTIFICATE = "(certificate)";
    /** What a typed username may fill in the trail (the field takes anything). */
    private static final int MAX_TYPED_USERNAME = 128;
    /** Sign-ins are few: one lock for all sessions keeps the check-and-write whole (a session object may differ per request). */
    private static final Object SIGN_IN_ONCE = new Object();

    @Inject
    AuditTrail trail;

    /**
     * A sign-in, with its method; for a certificate (smart card) also the certificate's serial
     * number and issuer, which name it within the hospital's PKI (not its holder's details).
     */
    private void signedIn(HttpServletRequest request, StaffIdentity who, HttpSession session) {
        List<String> roles = who.roles().stream().map(Role::roleName).sorted().toList();
        SignInMethod method = SignInMethod.of(request);
        AuditEvent.Builder event = AuditEvent.of(AuditAction.SIGN_IN, who.username().value(), roles)
                .from(request.getRemoteAddr()).detail("method", method.code());
        if (method == SignInMethod.CLIENT_CERTIFICATE) {
            ClientCertificate.of(request).ifPresent(certificate -> certificateDetails(event, certificate));
        }
        trail.record(event.build());
        session.setAttribute(SIGNED_IN, new SignedIn(who.username().value(), roles, request.getRemoteAddr()));
    }

    /**
     * The sign-in of this session, unless it was audited already: the mechanism's moment
     * ({@link FormSignInAudit}, the API) and the first request after it ({@link SignInRecorder})
     * both ask, and exactly one of them writes it.
     *
     * @return whether this call wrote it
     */
    public boolean signedInOnce(HttpServletRequest request, HttpSession session, StaffIdentity who) {
        synchronized (SIGN_IN_ONCE) {
            if (session.getAttribute(SIGNED_IN) != null) {
                return false;
            }
            signedIn(request, who, session);
            return true;
        }
    }

    /** A refused sign-in: the username as typed (trimmed, shortened), never the password. */
    public void signInFailed(HttpServletRequest request, String typedUsername, String reason) {
        String actor = typedUsername == null || typedUsername.isBlank() ? "(none)" : typedUsername.strip();
        if (actor.length() > MAX_TYPED_USERNAME) {
            actor = actor.substring(0, MAX_TYPED_USERNAME);
        }
        trail.record(AuditEvent.of(AuditAction.SIGN_IN_FAILED, actor, List.of()).outcome(AuditOutcome.FAILURE)
                .from(request.getRemoteAddr()).detail("method", SignInMethod.PASSWORD.code())
                .detail("reason", reason).build());
    }

    /**
     * A client certificate (smart card) that the TLS context accepted but that signed nobody
     * in: the account it named, if any, and why (not in the directory, …).
     */
    public void certificateRefused(HttpServletRequest request, ClientCertificate certificate, CertificateRefusal refusal) {
        AuditEvent.Builder event = AuditEvent.of(AuditAction.SIGN_IN_FAILED,
                        refusal.account().map(Username::value).orElse(UNNAMED_CERTIFICATE), List.of())
                .outcome(AuditOutcome.FAILURE).from(request.getRemoteAddr())
                .detail("method", SignInMethod.CLIENT_CERTIFICATE.code()).detail("reason", refusal.reason().code());
        trail.record(certificateDetails(event, certificate).build());
    }

    private static AuditEvent.Builder certificateDetails(AuditEvent.Builder event, ClientCertificate certificate) {
        return event.detail("certificate-serial", certificate.serial()).detail("certificate-issuer", certificate.issuer());
    }

    /** An explicit sign-out; call before the session is invalidated. */
    public void signedOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        SignedIn who = session == null ? null : (SignedIn) session.getAttribute(SIGNED_IN);
        if (session != null) {
            session.removeAttribute(SIGNED_IN); // the session's end is no longer news
        }
        String actor = who != null ? who.username() : request.getRemoteUser();
        if (actor != null) {
            trail.record(AuditEvent.of(AuditAction.SIGN_OUT, actor, who != null ? who.roles() : List.of())
                    .from(request.getRemoteAddr()).detail("reason", "signed-out").build());
        }
    }

    /** A session of a signed-in person ended without a sign-out (idle timeout, server shutdown). */
    void sessionEnded(HttpSession session) {
        if (session.getAttribute(SIGNED_IN) instanceof SignedIn who) {
            trail.record(AuditEvent.of(AuditAction.SIGN_OUT, who.username(), who.roles())
                    .from(who.clientAddress()).detail("reason", "session-ended").build());
        }
    }

    /** Someone was refused a page or an API call (403). */
    public void accessDenied(HttpServletRequest request, String target) {
        String actor = request.getRemoteUser();
        trail.record(AuditEvent.of(AuditAction.ACCESS_DENIED, actor == null ? "(anonymous)" : actor, List.of())
                .outcome(AuditOutcome.DENIED).from(request.getRemoteAddr())
                .target(target == null ? null : truncate(target, 512)).build());
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** Who holds a session, kept in it (serializable: sessions may be replicated). */
    record SignedIn(String username, List<String> roles, String clientAddress) implements Serializable {
        SignedIn {
            roles = List.copyOf(roles);
        }
    }
}
