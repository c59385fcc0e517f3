/**
 * The pre-call network check (REQUIREMENTS C7, docs/signaling.md "Network check"): who may
 * run one and how often, on the node's bridge ({@code org.consilium.videobridge.probe}).
 * Joins no room: no presence, no lobby, no visit.
 */
package org.consilium.application.networkcheck;
