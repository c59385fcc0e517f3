/**
 * The ECDSA P-256 key pair in the token that signs audit checkpoints and export
 * manifests. The private key never leaves the token; the public key is exported as
 * X.509 SubjectPublicKeyInfo (DER or PEM), so a standalone verifier needs nothing but
 * the JDK (SHA256withECDSA, DER-encoded signatures).
 */
package org.consilium.hsm.signing;
