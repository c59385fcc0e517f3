/**
 * SDP offer/answer for the bridge (RFC 8866, JSEP RFC 8829, BUNDLE RFC 8843): the browser
 * offers, the bridge answers. The offer's send sections declare the browser's sources and
 * formats; its receive sections are where the bridge places the other participants' sources.
 */
package org.consilium.videobridge.sdp;
