package org.consilium.infrastructure.recording;

/**
 * Serialises the two writers of recording headers on this appliance: shredding (zeros over the
 * header) and the KEK rewrap (a new header over the old). Without it, a rewrap that read a live
 * header just before a shred zeroed it could write a live header back over the zeros.
 */
final class HeaderWrites {

    static final Object LOCK = new Object();

    private HeaderWrites() {
    }
}
