package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.consilium.application.SessionPolicy;

/**
 * Every new session ends after the configured inactivity (REQUIREMENTS S4), except while
 * its person has a call open (a call is activity the session does not see:
 * {@code SignalingSessions} suspends the timeout and gives it back).
 */
@WebListener
public class SessionIdleTimeout implements HttpSessionListener {

    @Inject
    SessionPolicy policy;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval(Math.toIntExact(policy.idleTimeout().toSeconds()));
    }
}
