package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.consilium.application.SessionPolicy;

/** Every new session ends after the configured inactivity (REQUIREMENTS S4). */
@WebListener
public class SessionIdleTimeout implements HttpSessionListener {

    @Inject
    SessionPolicy policy;

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval(Math.toIntExact(policy.idleTimeout().toSeconds()));
    }
}
