package org.consilium.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every API error: the HTTP status and a sentence a person can act on;
 * for invalid input also the request field at fault ({@code field}, left out otherwise).
 */
public record Problem(int status, String error, String field) {

    public Problem(int status, String error) {
        this(status, error, null);
    }

    public static Response response(Response.Status status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Problem(status.getStatusCode(), error)).build();
    }

    /** 400 naming the field that is wrong. */
    public static Response badField(String field, String error) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem(Response.Status.BAD_REQUEST.getStatusCode(), error, field)).build();
    }
}
