/** Counters for the admin console: packets and bytes in and out, and every drop with its reason. */
package org.consilium.videobridge.stats;
