package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.CodeCheck;
import org.consilium.application.admin.SecondFactorEnrolment;
import org.consilium.application.admin.SecondFactorService;
import org.consilium.domain.admin.Totp;

/**
 * The enrolment page (the secret, its QR code, the first code) and the verification page
 * (a code at the start of each console session). A good code marks the session and goes
 * on to the page first asked for; anything else says what to do, next to the field.
 */
@Named("secondFactor")
@RequestScoped
public class SecondFactorPage {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    SecondFactorService service;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    @Inject
    FacesContext faces;

    @Inject
    Clock clock;

    private String code;
    private SecondFactorEnrolment enrolment;
    private String message;

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public boolean isCodeRefused() {
        return message != null;
    }

    /** Why the last code was refused, for the line next to the field; null when none was. */
    public String getMessage() {
        return message;
    }

    /** The pending enrolment's secret and key URI (the same on every reload until confirmed). */
    public SecondFactorEnrolment getEnrolment() {
        if (enrolment == null) {
            enrolment = service.enrolment(ConsoleCaller.of(currentStaff, request));
        }
        return enrolment;
    }

    /** The key in base32, in groups of four (EL 5 does not read record components). */
    public String getSecret() {
        return getEnrolment().secret();
    }

    public String getKeyUri() {
        return getEnrolment().uri();
    }

    public String getQrCode() {
        return QrCodeSvg.of(getEnrolment().uri(), "QR code of the key for your authenticator app");
    }

    public String getUsername() {
        return request.getRemoteUser();
    }

    /** Enrolment: the first code from the app confirms the secret (and opens the console). */
    public String confirm() throws IOException {
        if (!wellFormed()) {
            return null;
        }
        return after(service.confirm(ConsoleCaller.of(currentStaff, request), code));
    }

    /** A console session's second factor. */
    public String verify() throws IOException {
        if (!wellFormed()) {
            return null;
        }
        return after(service.verify(ConsoleCaller.of(currentStaff, request), code));
    }

    private boolean wellFormed() {
        if (Totp.looksLikeCode(code)) {
            return true;
        }
        refuse("Type the 6 digits your authenticator app shows for Consilium.");
        return false;
    }

    private String after(CodeCheck check) throws IOException {
        if (check.accepted()) {
            String next = ConsoleSession.verified(request, Instant.now(clock));
            faces.getExternalContext().redirect(next);
            faces.responseComplete();
            return null;
        }
        refuse(switch (check.result()) {
            case REPLAYED -> "That code was already used. Wait for the next code (a new one comes every 30 seconds) and type it.";
            case LOCKED, LOCKED_NOW -> "Too many wrong codes: the second factor is locked until "
                    + check.lockedUntil().map(HOUR::format).orElse("later")
                    + ". If you lost your phone, ask another administrator to reset your second factor.";
            default -> "That code is not right. Type the code your app shows now, and check that the phone's clock is right.";
        });
        return null;
    }

    private void refuse(String why) {
        message = why;
        code = null;
    }
}
