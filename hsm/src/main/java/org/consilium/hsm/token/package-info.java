/**
 * The PKCS#11 token as seen through the JCA: how SunPKCS11 is configured for it
 * ({@link org.consilium.hsm.token.TokenConfig}: library and slot only), logging in with a
 * PIN the caller fetched from the secret store, and the labelled objects Consilium keeps
 * on it. Nothing here knows what the keys are for.
 */
package org.consilium.hsm.token;
