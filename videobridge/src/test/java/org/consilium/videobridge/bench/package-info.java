/**
 * JMH micro-benchmarks of the bridge's per-packet stages, so a regression shows up in
 * isolation (run with -Pjmh; see docs/performance.md).
 */
package org.consilium.videobridge.bench;
