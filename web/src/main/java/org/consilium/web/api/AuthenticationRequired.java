package org.consilium.web.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * An anonymous API call gets 401 with a JSON body rather than the sign-in page a browser
 * would see. Only resources marked {@link PermitAll} (signing in itself) are open.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationRequired implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() != null || isOpen()) {
            return;
        }
        request.abortWith(Problem.response(Response.Status.UNAUTHORIZED, "Sign in first."));
    }

    private boolean isOpen() {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
                        || resource.getResourceClass().isAnnotationPresent(PermitAll.class));
    }
}
