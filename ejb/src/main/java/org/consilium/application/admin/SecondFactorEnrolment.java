package org.consilium.application.admin;

/**
 * What a person needs to add Consilium to an authenticator app, shown only while the
 * enrolment is not yet confirmed.
 *
 * @param secret the base32 secret, in groups of four
 * @param uri    the {@code otpauth://totp/…} key URI (what the QR code holds)
 */
public record SecondFactorEnrolment(String secret, String uri) {

    @Override
    public String toString() {
        return "SecondFactorEnrolment[secret hidden]"; // never in a log
    }
}
