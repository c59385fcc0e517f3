package org.consilium.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.consilium.web.security.SignInRecorder;

/** The landing page: who you are, what your directory groups let you do, when you last signed in. */
@Named("home")
@RequestScoped
public class HomePage extends SignedInPage {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    HttpSession session;

    /** Clinicians and administrators have rooms; auditors do not (Room.mayBeCreatedBy). */
    public boolean isMayHaveRooms() {
        return org.consilium.domain.room.Room.mayBeCreatedBy(identity());
    }

    /** "first sign-in", a time, or empty when the bookkeeping could not run. */
    public String getPreviousSignIn() {
        Object previous = session.getAttribute(SignInRecorder.PREVIOUS_SIGN_IN);
        if (previous instanceof Instant at) {
            return WHEN.format(at);
        }
        return SignInRecorder.FIRST_SIGN_IN.equals(previous) ? "this is your first sign-in" : "";
    }
}
