package org.consilium.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every API error: the HTTP status and a sentence a person can act on. */
public record Problem(int status, String error) {

    public static Response response(Response.Status status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Problem(status.getStatusCode(), error)).build();
    }
}
