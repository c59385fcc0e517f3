package org.consilium.web.api;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not the JSON we expect is the caller's mistake: 400, never a stack trace. */
@Provider
public class UnreadableRequestMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException failure) {
        return Problem.response(Response.Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape.");
    }

    /** JSON-B may surface its own exception type instead of a ProcessingException. */
    @Provider
    public static class JsonbMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException failure) {
            return Problem.response(Response.Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape.");
        }
    }
}
