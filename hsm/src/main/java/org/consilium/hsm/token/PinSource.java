package org.consilium.hsm.token;

/**
 * Supplies the token's user PIN, fetched by the caller from the secret store (the
 * credential store in WildFly) at the moment of login. The PIN is never configuration
 * and never a command-line argument. The array returned is wiped after use, so return a
 * fresh copy each time.
 */
@FunctionalInterface
public interface PinSource {

    char[] pin();
}
