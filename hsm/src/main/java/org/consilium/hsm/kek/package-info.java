/**
 * Key-encryption keys: AES-256 keys generated in the token, sensitive and unextractable,
 * one per version ({@code consilium-kek-v1}, {@code -v2}…). The newest version wraps new
 * data keys; every version still on the token unwraps what it wrapped. Destroying a
 * version crypto-shreds everything still wrapped under it.
 */
package org.consilium.hsm.kek;
