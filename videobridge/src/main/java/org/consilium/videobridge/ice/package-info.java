/**
 * ICE-lite (RFC 8445 §2.5), the bridge's side of connectivity: it never sends checks,
 * it answers the browser's, authenticated with the endpoint's short-term password; a
 * check carrying USE-CANDIDATE selects the pair; answered checks keep consent fresh
 * (RFC 7675). Host candidates come from configuration, loopback included when asked.
 */
package org.consilium.videobridge.ice;
