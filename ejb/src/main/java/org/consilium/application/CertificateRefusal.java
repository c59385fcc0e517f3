package org.consilium.application;

import java.util.Optional;
import org.consilium.domain.Username;

/** Why a client certificate signed nobody in, and the account it named if it named one. */
public record CertificateRefusal(Optional<Username> account, Reason reason) {

    public enum Reason {
        /** The certificate carries no name in the places configured (UPN, e-mail, CN). */
        NO_ACCOUNT_NAME("no-account-name"),
        /** It names an account the directory does not have. */
        NOT_IN_DIRECTORY("not-in-directory"),
        /**
         * The server requires the card to be the certificate in the person's directory entry
         * (x509-credential-mapper, docs/security.md), and it is not.
         */
        NOT_THE_DIRECTORYS_CERTIFICATE("not-the-directory-certificate"),
        /** The account exists but the security domain does not let it sign in. */
        NOT_ALLOWED("not-allowed"),
        /** The directory did not answer. */
        DIRECTORY_UNAVAILABLE("directory-unavailable"),
        /** Asked again it would be accepted (the directory answered differently a moment ago). */
        NOT_ACCEPTED_THEN("not-accepted-then");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The audit trail's {@code reason}. */
        public String code() {
            return code;
        }
    }
}
