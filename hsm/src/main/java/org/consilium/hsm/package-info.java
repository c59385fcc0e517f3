/**
 * Keys in the hospital's HSM through PKCS#11 (JCA/SunPKCS11). {@link org.consilium.hsm.KeyService}
 * opens them all on one token: key-encryption keys and envelope encryption of recordings
 * and files ({@code envelope}, {@code kek}), the audit signing key ({@code signing}) and
 * the guest invitation HMAC key ({@code invitation}); {@code token} is the PKCS#11 side.
 * Plain Java, no Jakarta EE.
 */
package org.consilium.hsm;
