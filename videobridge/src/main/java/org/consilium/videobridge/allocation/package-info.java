/**
 * What each receiver gets: its constraints (what its page shows), who is speaking (RFC 6464
 * audio levels into a dominant-speaker ranking), the per-receiver choice of a layer for
 * every video source within its bandwidth estimate, and which publisher layers nobody
 * receives ("dynacast"). Pure decisions on plain values: the packet path feeds them and
 * acts on their results, so every rule here is testable without a network.
 */
package org.consilium.videobridge.allocation;
