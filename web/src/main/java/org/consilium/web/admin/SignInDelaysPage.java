package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.consilium.application.CurrentStaff;
import org.consilium.application.signin.SignInThrottle;
import org.consilium.domain.signin.ThrottleBook;
import org.consilium.domain.signin.ThrottleKey;

/**
 * Administrators only (web.xml): the sign-in delays in force after wrong passwords (per
 * account and address, or per address), and lifting one, e.g. when a clinician who mistyped
 * at a shared computer must sign in now. Each lift is audited.
 */
@Named("signInDelays")
@RequestScoped
public class SignInDelaysPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** The hidden fields of each row's form. */
    static final String ACCOUNT = "account";
    static final String ADDRESS = "address";

    @Inject
    SignInThrottle throttle;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private String done;
    private String message;
    private List<Row> rows;

    /** The delays in force now, longest-lasting first. */
    public List<Row> getRows() {
        if (rows == null) {
            rows = throttle.inForce().stream().map(Row::of).toList();
        }
        return rows;
    }

    public String getDone() {
        return done;
    }

    public String getMessage() {
        return message;
    }

    public String lift() {
        String address = request.getParameter(ADDRESS);
        String account = request.getParameter(ACCOUNT);
        if (address == null || address.isBlank()) {
            message = "Choose the delay to lift from the list.";
            return null;
        }
        ThrottleKey key = new ThrottleKey(account == null || account.isEmpty() ? null : account, address);
        if (throttle.lift(ConsoleCaller.of(currentStaff, request), key)) {
            done = "Lifted: " + describe(key) + " may sign in again now.";
        } else {
            message = "No delay is in force for " + describe(key) + " (it may have ended by itself).";
        }
        rows = null;
        return null;
    }

    private static String describe(ThrottleKey key) {
        return key.isAddressWide() ? "every account from " + key.address() : key.account() + " from " + key.address();
    }

    /** One delay as the table shows it. */
    public record Row(String account, String accountLabel, String address, int failures, String until, String id) {

        static Row of(ThrottleBook.Throttle throttle) {
            ThrottleKey key = throttle.key();
            return new Row(key.isAddressWide() ? "" : key.account(),
                    key.isAddressWide() ? "every account" : key.account(), key.address(), throttle.failures(),
                    TIME.format(throttle.until()), key.toString());
        }
    }
}
