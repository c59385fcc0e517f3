package org.consilium.web.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.web.security.SecurityAudit;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns JAX-RS errors (404, 405, 403 from role checks...) into the API's JSON problem body. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Inject
    SecurityAudit audit;

    @Override
    public Response toResponse(WebApplicationException failure) {
        if (failure.getResponse().getEntity() instanceof Problem) {
            return failure.getResponse(); // our own, already explained
        }
        Response.StatusType status = failure.getResponse().getStatusInfo();
        Response.Status known = Response.Status.fromStatusCode(status.getStatusCode());
        if (known == Response.Status.FORBIDDEN) {
            try {
                audit.accessDenied(request, "api:" + request.getMethod() + " " + request.getRequestURI());
            } catch (RuntimeException failed) {
                LOG.log(Level.SEVERE, "Could not audit a refused API call", failed);
            }
            return Problem.response(known, "Your role does not allow this.");
        }
        if (known == null) {
            known = Response.Status.INTERNAL_SERVER_ERROR;
        }
        return Problem.response(known, status.getReasonPhrase());
    }
}
