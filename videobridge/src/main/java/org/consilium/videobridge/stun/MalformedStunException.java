package org.consilium.videobridge.stun;

/** The bytes are not a well-formed STUN message. Carries no packet content. */
public final class MalformedStunException extends Exception {

    public MalformedStunException(String why) {
        super(why, null, false, false); // no stack trace: bad input is routine, not a bug
    }
}
