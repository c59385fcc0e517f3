package org.consilium.web.api;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.consilium.web.json.BadJson;
import org.consilium.web.json.StrictJson;

/**
 * Reads the API's request bodies (the records of this package) strictly, instead of
 * JSON-B's guesses ({@code "lobby":"yes"} was {@code false}, {@code "singleUse":1} a
 * multi-use link): each field of its record's type, no field the request does not have,
 * nesting and size bounded. A body that will not do is a 400 naming the field at fault.
 * An empty body is no body (null), as before.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictRequestReader implements MessageBodyReader<Record> {

    /** No request of this API comes near it; a larger body is refused before it is parsed. */
    static final int MAX_BODY = 64 * 1024;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getPackage() == StrictRequestReader.class.getPackage();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw refused(Problem.response(Response.Status.BAD_REQUEST,
                    "The request body is larger than " + MAX_BODY / 1024 + " KiB."));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonObject json = StrictJson.object(text);
            return StrictJson.record(json, type);
        } catch (BadJson bad) {
            throw refused(switch (bad.kind()) {
                case FIELD -> Problem.badField(bad.field(), sentence(bad.getMessage()));
                case TOO_DEEP -> Problem.response(Response.Status.BAD_REQUEST,
                        "The request body nests deeper than " + StrictJson.MAX_DEPTH + " levels.");
                default -> Problem.response(Response.Status.BAD_REQUEST,
                        "The request body is not valid JSON of the expected shape.");
            });
        }
    }

    private static WebApplicationException refused(Response problem) {
        return new WebApplicationException(problem);
    }

    private static String sentence(String message) {
        String capital = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }
}
