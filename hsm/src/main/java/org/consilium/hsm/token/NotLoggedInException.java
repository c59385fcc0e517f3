package org.consilium.hsm.token;

/** The token answered but no login is in effect (someone logged this process out). */
public final class NotLoggedInException extends TokenException {

    private static final long serialVersionUID = 1L;

    public NotLoggedInException(Throwable cause) {
        super("not logged in to the token", cause);
    }
}
