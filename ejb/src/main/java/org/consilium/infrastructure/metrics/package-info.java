/**
 * Metrics for the hospital's monitoring: Prometheus text at {@code /metrics} on the
 * management interface, served by WildFly's Micrometer (50-observability.cli). Each bean
 * registers one area's meters through the deployment's {@code MeterRegistry}, read at each
 * scrape from the figures the application keeps anyway: the media bridge's counters and
 * drops by reason ({@link org.consilium.infrastructure.metrics.MediaMetrics}), the signaling
 * channel's refusals by reason ({@link org.consilium.infrastructure.metrics.SignalingMetrics}).
 */
package org.consilium.infrastructure.metrics;
