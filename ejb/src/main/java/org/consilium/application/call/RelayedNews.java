package org.consilium.application.call;

/**
 * What another node's bridge decided for a member of a call of this node whose endpoint it
 * holds (a cascade), for the member's browser: {@code media-allocation} to a receiver, or
 * {@code publish-layers} of one of its sections ({@code mid}) to a publisher. The message is
 * built there, as {@link MediaNews} builds it here; this node sends it to the member at most
 * twice a second, as its own.
 *
 * @param mid the publisher's section, or null for an allocation
 * @param message the signaling message, JSON text
 */
public record RelayedNews(String memberId, String mid, String message) {

    public boolean isAllocation() {
        return mid == null;
    }
}
