/**
 * The offline verifier: {@link org.consilium.audit.verify.ChainVerifier} checks an export's
 * hash chain and checkpoint signatures as it streams past, and
 * {@link org.consilium.audit.verify.Main} is the command an auditor runs
 * ({@code java -jar consilium-audit.jar verify --public-key key.pem export.jsonl}).
 * {@link org.consilium.audit.verify.RecordingBundleVerifier} checks a recording export
 * against its signed manifest ({@code verify-recording --public-key key.pem BUNDLE}).
 */
package org.consilium.audit.verify;
