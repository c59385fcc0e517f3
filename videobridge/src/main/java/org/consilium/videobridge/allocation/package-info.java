/**
 * Which video each receiver gets: what the receiver shows ({@link ReceiverConstraints}) and
 * what the bridge decided to forward to it ({@link Allocation}). Plain Java values, shared by
 * the bridge and the signaling that carries them to and from the browsers.
 */
package org.consilium.videobridge.allocation;
