package org.consilium.web.admin;

import jakarta.servlet.http.HttpServletRequest;
import org.consilium.application.Caller;
import org.consilium.application.CurrentStaff;

/** The signed-in administrator or auditor behind a console request. */
final class ConsoleCaller {

    private ConsoleCaller() {
    }

    static Caller of(CurrentStaff currentStaff, HttpServletRequest request) {
        return currentStaff.get().map(who -> new Caller(who, request.getRemoteAddr()))
                .orElseThrow(() -> new IllegalStateException("the console needs a signed-in staff member"));
    }
}
