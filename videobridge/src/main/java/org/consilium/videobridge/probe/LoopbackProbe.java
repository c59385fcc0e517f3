package org.consilium.videobridge.probe;

import java.util.List;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * One network check: a conference of two endpoints of the same page, {@code send} and
 * {@code receive}. What the first publishes the conference forwards to the second, placed in
 * its receive slots under SSRCs the page does not send itself (they are the other peer
 * connection's), so the browser takes them as any call's. The sender negotiates first: the
 * receiver's answer places what is there when it offers.
 */
public final class LoopbackProbe implements AutoCloseable {

    static final String SENDER = "send";
    static final String RECEIVER = "receive";

    private final String id;
    private final Conference conference;
    private final long deadlineNanos;
    private final Runnable closed;
    private boolean senderNegotiated;
    private boolean over;

    LoopbackProbe(String id, Conference conference, long deadlineNanos, Runnable closed) {
        this.id = id;
        this.conference = conference;
        this.deadlineNanos = deadlineNanos;
        this.closed = closed;
        conference.allocateEndpoint(SENDER);
        conference.allocateEndpoint(RECEIVER);
    }

    public String id() {
        return id;
    }

    /**
     * The sending peer connection's offer: at most one sound and one picture (a camera in
     * simulcast is one picture), which it sends and does not receive.
     *
     * @throws InvalidSdpException the offer cannot be answered or sends more than a check needs
     *                             (then the check is over: a page gone wrong does not try again)
     */
    public synchronized String negotiateSender(String offer) throws InvalidSdpException, ProbeRefused {
        Endpoint sender = open(SENDER);
        String answer = negotiateOrClose(sender, offer);
        List<MediaSource> sources = sender.sources();
        if (count(sources, MediaSource.Kind.AUDIO) > 1 || count(sources, MediaSource.Kind.VIDEO) > 1) {
            close();
            throw new InvalidSdpException("a network check sends at most one sound and one picture");
        }
        senderNegotiated = true;
        return answer;
    }

    /** The receiving peer connection's offer: receive slots only, after the sender's. */
    public synchronized String negotiateReceiver(String offer) throws InvalidSdpException, ProbeRefused {
        if (!senderNegotiated) {
            throw new ProbeRefused("out-of-order", "the sending connection offers first");
        }
        Endpoint receiver = open(RECEIVER);
        String answer = negotiateOrClose(receiver, offer);
        if (!receiver.sources().isEmpty()) {
            close();
            throw new InvalidSdpException("the receiving connection of a network check sends nothing");
        }
        return answer;
    }

    /** Past its time limit at {@code nowNanos}. */
    public boolean overdue(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    public synchronized boolean isOver() {
        return over;
    }

    /** Both endpoints expired (their ports, keys and forwarding go with them); again changes nothing. */
    @Override
    public synchronized void close() {
        if (over) {
            return;
        }
        over = true;
        closed.run();
    }

    String conferenceId() {
        return conference.id();
    }

    private Endpoint open(String endpoint) throws ProbeRefused {
        if (over) {
            throw new ProbeRefused("over", "the network check is over");
        }
        return conference.endpoint(endpoint).orElseThrow(() -> new ProbeRefused("over", "the network check is over"));
    }

    private String negotiateOrClose(Endpoint endpoint, String offer) throws InvalidSdpException {
        try {
            return endpoint.negotiate(offer);
        } catch (InvalidSdpException | RuntimeException refused) {
            close();
            throw refused;
        }
    }

    private static long count(List<MediaSource> sources, MediaSource.Kind kind) {
        return sources.stream().filter(source -> source.kind() == kind).count();
    }
}
