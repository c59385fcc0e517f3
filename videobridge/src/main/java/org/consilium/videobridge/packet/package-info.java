/** The packet as it travels the pipeline: a byte region that stages decrypt, read and rewrite in place. */
package org.consilium.videobridge.packet;
