/**
 * Keys in the hospital's HSM through PKCS#11 (JCA/SunPKCS11): key-encryption keys,
 * envelope encryption of recordings and files, the audit signing key and the guest
 * invitation HMAC key. Plain Java, no Jakarta EE; filled by the hsm/audit issue.
 */
package org.consilium.hsm;
