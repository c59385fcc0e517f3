/**
 * The videobridge inside the server: {@link org.consilium.infrastructure.media.MediaBridge}
 * (a {@code @Startup} singleton) opens the node's one UDP media port at deployment with the
 * settings read by {@link org.consilium.infrastructure.media.MediaSettings} (system
 * properties {@code consilium.media.*}, through MicroProfile Config; checked before any bean
 * starts by {@link org.consilium.infrastructure.media.MediaSettingsValidation}), runs the
 * bridge on threads from the server's managed thread factory, produces the
 * {@link org.consilium.videobridge.Videobridge} for injection, and releases the port when
 * the application goes.
 */
package org.consilium.infrastructure.media;
