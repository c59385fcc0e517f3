package org.consilium.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns JAX-RS errors (404, 405, 403 from role checks...) into the API's JSON problem body. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException failure) {
        Response.StatusType status = failure.getResponse().getStatusInfo();
        Response.Status known = Response.Status.fromStatusCode(status.getStatusCode());
        if (known == Response.Status.FORBIDDEN) {
            return Problem.response(known, "Your role does not allow this.");
        }
        if (known == null) {
            known = Response.Status.INTERNAL_SERVER_ERROR;
        }
        return Problem.response(known, status.getReasonPhrase());
    }
}
