/** The recordings volume: files encrypted under HSM-wrapped data keys as they are written. */
package org.consilium.infrastructure.recording;
