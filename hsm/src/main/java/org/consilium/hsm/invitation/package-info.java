/**
 * The HMAC-SHA256 key in the token that signs guest invitations: the server computes and
 * checks tags, the key never leaves the token, and checking compares in constant time.
 */
package org.consilium.hsm.invitation;
