/**
 * A throwaway SoftHSM2 token for the tests: configuration and token directory under
 * target/, one token per test JVM, keys kept apart by label prefix.
 */
package org.consilium.hsm.testing;
