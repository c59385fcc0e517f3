package org.consilium.web.security;

import io.undertow.security.api.NotificationReceiver;
import io.undertow.security.api.SecurityNotification;
import io.undertow.security.idm.Account;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.signin.SignInThrottle;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;

/**
 * Audits a password sign-in through the form at the moment Elytron's FORM mechanism accepts
 * it. That request ends in the mechanism's redirect without reaching any filter, so
 * {@link SignInRecorder} would only see the next one, and a sign-in followed by nothing
 * would never be audited. Only the mechanism's own answer to {@code j_security_check} counts
 * here: it also reports every later request of the session (the identity restored from the
 * session), which is not a sign-in. The event is written once per session
 * ({@link SecurityAudit#signedInOnce}); the rest of the bookkeeping (the previous sign-in
 * shown on the landing page, which needs the display name) stays with the next request.
 * The right password also clears the account's wrong-password count at that address.
 */
final class FormSignInAudit implements NotificationReceiver {

    static final String FORM = "FORM";
    private static final Logger LOG = Logger.getLogger(FormSignInAudit.class.getName());

    @Override
    public void handleNotification(SecurityNotification notification) {
        if (notification.getEventType() != SecurityNotification.EventType.AUTHENTICATED
                || notification.isProgramatic() || !FORM.equals(notification.getMechanism())) {
            return;
        }
        ServletRequestContext context = notification.getExchange().getAttachment(ServletRequestContext.ATTACHMENT_KEY);
        if (context == null || !(context.getServletRequest() instanceof HttpServletRequest request)
                || !request.getRequestURI().endsWith(CrossSiteSignInRefusal.FORM_SIGN_IN)) {
            return;
        }
        StaffIdentity who = staff(notification.getAccount());
        try {
            CDI.current().select(SignInThrottle.class).get().succeeded(who.username().value(), request.getRemoteAddr());
            if (!who.hasAnyRole()) {
                return; // signed in to the directory, not to Consilium: the refused page is audited instead
            }
            CDI.current().select(SecurityAudit.class).get().signedInOnce(request, request.getSession(true), who);
        } catch (RuntimeException failed) {
            // The sign-in must not fail because its audit did; SignInRecorder retries on the next request.
            LOG.log(Level.WARNING, "Could not audit a form sign-in", failed);
        }
    }

    /** The directory account and its Consilium roles, from the identity the mechanism accepted. */
    private static StaffIdentity staff(Account account) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        account.getRoles().forEach(name -> Role.fromRoleName(name).ifPresent(roles::add));
        return new StaffIdentity(new Username(account.getPrincipal().getName()), null, roles);
    }
}
