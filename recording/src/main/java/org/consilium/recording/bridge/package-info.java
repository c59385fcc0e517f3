/**
 * Between the bridge and the writer: a participant's tapped media
 * ({@link org.consilium.videobridge.conference.MediaTap}) made into the one audio and one
 * video stream a participant's file holds.
 */
package org.consilium.recording.bridge;
