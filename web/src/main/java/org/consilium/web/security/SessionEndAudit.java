package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Audits the end of a signed-in session that nobody signed out of (idle timeout, shutdown). */
@WebListener
public class SessionEndAudit implements HttpSessionListener {

    private static final Logger LOG = Logger.getLogger(SessionEndAudit.class.getName());

    @Inject
    SecurityAudit audit;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        try {
            audit.sessionEnded(event.getSession());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not audit the end of a session", failed);
        }
    }
}
