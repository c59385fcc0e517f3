/**
 * The server's keys in the HSM: {@link org.consilium.infrastructure.hsm.HsmKeys} attaches
 * the hsm module's {@link org.consilium.hsm.KeyService} to the PKCS#11 token at startup
 * (and keeps retrying while it cannot), and {@link org.consilium.infrastructure.hsm.HsmProducers}
 * offers its parts for injection.
 *
 * <p>The application never sees the PIN: WildFly's Elytron key-store {@code consilium-hsm}
 * logs in to the token with the PIN from the credential store (server/src/main/cli/25-hsm.cli),
 * and PKCS#11 login state belongs to the process, so the application's own SunPKCS11
 * provider for the same library and slot works through that login. The application
 * configures its own provider because only it can carry the attribute templates that make
 * generated keys sensitive and unextractable (Elytron's provider-loader takes key/value
 * properties, in which the templates cannot be written).
 */
package org.consilium.infrastructure.hsm;
