package org.consilium.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.consilium.application.Caller;
import org.consilium.application.CurrentStaff;

/** The signed-in staff member behind an API call and the address they called from. */
final class ApiCaller {

    private ApiCaller() {
    }

    static Caller of(CurrentStaff currentStaff, HttpServletRequest request) {
        return currentStaff.get().map(who -> new Caller(who, request.getRemoteAddr()))
                .orElseThrow(() -> new WebApplicationException(Problem.response(Response.Status.UNAUTHORIZED, "Sign in first.")));
    }
}
