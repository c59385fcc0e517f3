/**
 * Benchmarks, not tests (never run by surefire): envelope encryption throughput against
 * the SoftHSM2 test token, run with {@code -Pbenchmark}.
 */
package org.consilium.hsm.bench;
