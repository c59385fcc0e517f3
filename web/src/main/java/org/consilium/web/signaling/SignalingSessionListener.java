package org.consilium.web.signaling;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/** Tells {@link SignalingSessions} when an HTTP session ends or changes its id. */
@WebListener
public class SignalingSessionListener implements HttpSessionListener, HttpSessionIdListener {

    @Inject
    SignalingSessions sessions;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.ended(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.renamed(oldSessionId, event.getSession().getId());
    }
}
