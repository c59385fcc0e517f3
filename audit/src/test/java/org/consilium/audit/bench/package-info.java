/** Benchmarks (not tests): run with -Pbenchmark, see docs/audit.md. */
package org.consilium.audit.bench;
