package org.consilium.web.signaling;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.consilium.application.CurrentStaff;

/**
 * Carries who is connecting from the HTTP handshake to the endpoint: the HTTP session
 * (staff sign-in or guest), and whether the page came from this appliance (the Origin
 * must name the host the request was sent to: no other site may open a call in the
 * user's name). The user properties written here are this connection's own (Jakarta
 * WebSocket 2.1: a per-connection copy that becomes the Session's user properties).
 */
public class SignalingHandshake extends ServerEndpointConfig.Configurator {

    static final String HTTP_SESSION = "consilium.httpSession";
    static final String SAME_ORIGIN = "consilium.sameOrigin";
    static final String STAFF = "consilium.staff";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = config.getUserProperties();
        if (request.getHttpSession() instanceof HttpSession session) {
            properties.put(HTTP_SESSION, session);
        }
        properties.put(SAME_ORIGIN, sameOrigin(request.getHeaders()));
        if (request.getUserPrincipal() != null) {
            // The handshake runs on the HTTP request, where the signed-in identity is known;
            // the WebSocket's own threads do not carry it.
            CDI.current().select(CurrentStaff.class).get().get().ifPresent(staff -> properties.put(STAFF, staff));
        }
    }

    static boolean sameOrigin(Map<String, List<String>> headers) {
        String origin = first(headers, "Origin");
        String host = first(headers, "Host");
        return origin != null && host != null && origin.equalsIgnoreCase("https://" + host);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
