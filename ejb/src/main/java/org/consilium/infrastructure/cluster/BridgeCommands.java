package org.consilium.infrastructure.cluster;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.ice.HostCandidate;
import org.wildfly.clustering.server.dispatcher.RuntimeCommand;

/**
 * What the node running a call asks the bridge of another node holding part of its conference
 * ({@link ClusterBridges}). Plain serializable classes of text and numbers, marshalled by
 * WildFly's command dispatcher over the cluster's authenticated, encrypted channel; each runs
 * on the asked node and answers with what its bridge now relays back.
 */
final class BridgeCommands {

    private BridgeCommands() {
    }

    /** Every request names the conference (the room) and the node that runs it (whose relay it is). */
    abstract static class Request<R> implements RuntimeCommand<R, ClusterBridges>, Serializable {
        private static final long serialVersionUID = 1L;
        final String owner;
        final String roomId;

        Request(String owner, String roomId) {
            this.owner = owner;
            this.roomId = roomId;
        }
    }

    static final class AcceptRelay extends Request<Transport> {
        private static final long serialVersionUID = 1L;
        final String ufrag;
        final String fingerprint;

        AcceptRelay(String owner, String roomId, String ufrag, String fingerprint) {
            super(owner, roomId);
            this.ufrag = ufrag;
            this.fingerprint = fingerprint;
        }

        @Override
        public Transport execute(ClusterBridges bridges) {
            return bridges.acceptingRelay(this);
        }
    }

    static final class Allocate extends Request<Sources> {
        private static final long serialVersionUID = 1L;
        final String memberId;
        final boolean expireOnly;

        Allocate(String owner, String roomId, String memberId, boolean expireOnly) {
            super(owner, roomId);
            this.memberId = memberId;
            this.expireOnly = expireOnly;
        }

        @Override
        public Sources execute(ClusterBridges bridges) {
            return bridges.allocating(this);
        }
    }

    static final class Negotiate extends Request<Negotiated> {
        private static final long serialVersionUID = 1L;
        final String memberId;
        final String offer;

        Negotiate(String owner, String roomId, String memberId, String offer) {
            super(owner, roomId);
            this.memberId = memberId;
            this.offer = offer;
        }

        @Override
        public Negotiated execute(ClusterBridges bridges) {
            return bridges.negotiating(this);
        }
    }

    static final class Constrain extends Request<Boolean> {
        private static final long serialVersionUID = 1L;
        final String memberId;
        final int lastN;
        final int defaultMaxHeight;
        final String[] onStage;
        final int stageMaxHeight;
        final HashMap<String, Integer> maxHeights;
        final int defaultMaxFrameRate;
        /** 0 from a node of a version without it (a rolling upgrade): Java serialization leaves a new field 0. */
        final int stageMaxFrameRate;

        Constrain(String owner, String roomId, String memberId, ReceiverConstraints constraints) {
            super(owner, roomId);
            this.memberId = memberId;
            this.lastN = constraints.lastN();
            this.defaultMaxHeight = constraints.defaultMaxHeight();
            this.onStage = constraints.onStage().toArray(String[]::new);
            this.stageMaxHeight = constraints.stageMaxHeight();
            this.maxHeights = new HashMap<>(constraints.maxHeights());
            this.defaultMaxFrameRate = constraints.defaultMaxFrameRate();
            this.stageMaxFrameRate = constraints.stageMaxFrameRate();
        }

        ReceiverConstraints constraints() {
            return new ReceiverConstraints(lastN, defaultMaxHeight, List.of(onStage), stageMaxHeight, maxHeights,
                    defaultMaxFrameRate, stageMaxFrameRate == 0 ? ReceiverConstraints.UNLIMITED : stageMaxFrameRate);
        }

        @Override
        public Boolean execute(ClusterBridges bridges) {
            return bridges.constraining(this);
        }
    }

    static final class SlotsNeeded extends Request<SlotsByMember> {
        private static final long serialVersionUID = 1L;
        final String[] memberIds;

        SlotsNeeded(String owner, String roomId, List<String> memberIds) {
            super(owner, roomId);
            this.memberIds = memberIds.toArray(String[]::new);
        }

        @Override
        public SlotsByMember execute(ClusterBridges bridges) {
            return bridges.slotsNeeded(this);
        }
    }

    static final class RelaySources extends Request<Boolean> {
        private static final long serialVersionUID = 1L;
        final Sources sources;

        RelaySources(String owner, String roomId, List<MediaSource> sources) {
            super(owner, roomId);
            this.sources = Sources.of(sources);
        }

        @Override
        public Boolean execute(ClusterBridges bridges) {
            return bridges.relayingSources(this);
        }
    }

    /** The other way: news from the bridge holding a member, for the node running the call ({@code owner}: the sender here). */
    static final class News extends Request<Boolean> {
        private static final long serialVersionUID = 1L;
        final String memberId;
        final String mid;
        final String message;

        News(String from, String roomId, String memberId, String mid, String message) {
            super(from, roomId);
            this.memberId = memberId;
            this.mid = mid;
            this.message = message;
        }

        @Override
        public Boolean execute(ClusterBridges bridges) {
            return bridges.relayedNews(this);
        }
    }

    static final class Drop extends Request<Boolean> {
        private static final long serialVersionUID = 1L;

        Drop(String owner, String roomId) {
            super(owner, roomId);
        }

        @Override
        public Boolean execute(ClusterBridges bridges) {
            return bridges.dropping(this);
        }
    }

    /** An end of a relay: ICE credentials, certificate fingerprint and UDP host candidates. */
    static final class Transport implements Serializable {
        private static final long serialVersionUID = 1L;
        final String ufrag;
        final String password;
        final String fingerprint;
        final String[] hosts;
        final int[] ports;

        Transport(LocalTransport transport) {
            List<HostCandidate> udp = transport.candidates().stream()
                    .filter(c -> c.transport() == HostCandidate.Transport.UDP).toList();
            this.ufrag = transport.iceUfrag();
            this.password = transport.icePassword();
            this.fingerprint = transport.fingerprint().toSdpValue();
            this.hosts = udp.stream().map(c -> c.address().getAddress().getHostAddress()).toArray(String[]::new);
            this.ports = udp.stream().mapToInt(c -> c.address().getPort()).toArray();
        }

        LocalTransport toLocalTransport() {
            List<HostCandidate> candidates = new ArrayList<>();
            for (int i = 0; i < hosts.length; i++) {
                try { // literal addresses only: no name lookup
                    candidates.add(new HostCandidate(Integer.toString(i + 1),
                            new InetSocketAddress(InetAddress.getByName(hosts[i]), ports[i])));
                } catch (UnknownHostException notALiteral) {
                    throw new IllegalArgumentException("not an address: " + hosts[i], notALiteral);
                }
            }
            return new LocalTransport(ufrag, password, true, candidates, Fingerprint.parse(fingerprint));
        }
    }

    /** Media sources, as a relay declares them. */
    static final class Sources implements Serializable {
        private static final long serialVersionUID = 1L;
        final String[] kinds;
        final int[] ssrcs;
        final Integer[] rtxSsrcs;
        final String[] streamIds;
        final String[] trackIds;
        /** A simulcast source's mid and the SSRCs its layers cross the relay under; null for one stream (and from older nodes). */
        final String[] simulcastMids;
        final int[][] layerSsrcs;

        private Sources(List<MediaSource> sources) {
            kinds = sources.stream().map(s -> s.kind().name()).toArray(String[]::new);
            ssrcs = sources.stream().mapToInt(MediaSource::ssrc).toArray();
            rtxSsrcs = sources.stream().map(MediaSource::rtxSsrc).toArray(Integer[]::new);
            streamIds = sources.stream().map(MediaSource::streamId).toArray(String[]::new);
            trackIds = sources.stream().map(MediaSource::trackId).toArray(String[]::new);
            simulcastMids = sources.stream().map(s -> s.isSimulcast() ? s.simulcast().mid() : null).toArray(String[]::new);
            layerSsrcs = sources.stream().map(s -> s.isSimulcast()
                    ? s.simulcast().ssrcs().stream().mapToInt(Integer::intValue).toArray() : null).toArray(int[][]::new);
        }

        /** The sources as a relay carries them ({@link MediaSource#relayed}): a simulcast source as its layers. */
        static Sources of(List<MediaSource> sources) {
            return new Sources(sources.stream().map(MediaSource::relayed).toList());
        }

        List<MediaSource> toList() {
            List<MediaSource> sources = new ArrayList<>();
            for (int i = 0; i < ssrcs.length; i++) {
                MediaSource.Simulcast layers = layerSsrcs == null || layerSsrcs[i] == null ? null
                        : MediaSource.Simulcast.declared(simulcastMids[i],
                                java.util.Arrays.stream(layerSsrcs[i]).boxed().toList(), List.of());
                sources.add(new MediaSource(MediaSource.Kind.valueOf(kinds[i]), ssrcs[i], rtxSsrcs[i], streamIds[i],
                        trackIds[i], layers));
            }
            return sources;
        }
    }

    /** Receive slots by kind. */
    static final class Slots implements Serializable {
        private static final long serialVersionUID = 1L;
        final int audio;
        final int video;

        Slots(Map<MediaSource.Kind, Integer> slots) {
            this.audio = slots.getOrDefault(MediaSource.Kind.AUDIO, 0);
            this.video = slots.getOrDefault(MediaSource.Kind.VIDEO, 0);
        }

        Map<MediaSource.Kind, Integer> toMap() {
            Map<MediaSource.Kind, Integer> slots = new EnumMap<>(MediaSource.Kind.class);
            slots.put(MediaSource.Kind.AUDIO, audio);
            slots.put(MediaSource.Kind.VIDEO, video);
            return slots;
        }
    }

    /** Receive slots of several members, by member id (those without an endpoint left out). */
    static final class SlotsByMember implements Serializable {
        private static final long serialVersionUID = 1L;
        final String[] memberIds;
        final Slots[] slots;

        SlotsByMember(Map<String, Map<MediaSource.Kind, Integer>> byMember) {
            this.memberIds = byMember.keySet().toArray(String[]::new);
            this.slots = byMember.values().stream().map(Slots::new).toArray(Slots[]::new);
        }

        Map<String, Map<MediaSource.Kind, Integer>> toMap() {
            Map<String, Map<MediaSource.Kind, Integer>> byMember = new HashMap<>();
            for (int i = 0; i < memberIds.length; i++) {
                byMember.put(memberIds[i], slots[i].toMap());
            }
            return byMember;
        }
    }

    /** An answer, or why the offer was refused ({@code sdpError}), or nothing ({@code known} false). */
    static final class Negotiated implements Serializable {
        private static final long serialVersionUID = 1L;
        final boolean known;
        final String answer;
        final String sdpError;
        final boolean receivesEverySource;
        final Slots slots;
        final Sources relayed;

        Negotiated(boolean known, String answer, String sdpError, boolean receivesEverySource, Slots slots, Sources relayed) {
            this.known = known;
            this.answer = answer;
            this.sdpError = sdpError;
            this.receivesEverySource = receivesEverySource;
            this.slots = slots;
            this.relayed = relayed;
        }
    }
}
