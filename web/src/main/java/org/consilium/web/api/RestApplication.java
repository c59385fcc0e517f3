package org.consilium.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The JSON API; its OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Consilium API", version = "1",
        description = "Sessions, rooms, guest invitations and the audit trail of a Consilium appliance. "
                + "Errors are {\"status\", \"error\", \"field\"?} with a sentence a person can act on."))
public class RestApplication extends Application {
}
