package org.consilium.videobridge.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;

/**
 * A tumor board of K in tile view: everyone publishes Opus and a three-layer simulcast
 * camera, and everyone receives everyone's audio.
 *
 * <p>With allocation, each receiver gets the video of the last-N most recent speakers
 * other than itself: the most recent on stage at up to {@code stageHeight}, the others as
 * tiles at up to {@code tileHeight}. The bridge's interim API limits height per receiver
 * ({@link Endpoint#setReceiverConstraints}, a tile height), not per source, so each person is two endpoints:
 * the tiles endpoint (publishes; receives all audio and the tiles, limited to the tile
 * height) and a stage endpoint (receives only the stage source, limited to the stage
 * height). What the bridge forwards to the pair is what it forwards to one receiver
 * with per-source limits; the second endpoint adds its timed work (reports, consent) and
 * one more destination for the stage copies. Last-N is {@link Endpoint#selectSources}.
 * The speaker changes every {@code speakerSeconds} (someone with an open microphone): the
 * new one goes on stage, the one before back into the tiles, the least recent out of the
 * last N. {@code openMics} microphones are open; the others are muted with Opus DTX.
 * Tiles are shown at {@code tileFrameRate} frames/s (8 by default, the base temporal layer's
 * 7.5, as the web client asks for more than nine small tiles; -1: the full rate), the stage
 * at {@code stageFrameRate} (15 by default, as the web client asks for the speaker of such a
 * crowd, {@code stageMaxFrameRate}; -1: the full rate, what it asked before).
 *
 * <p>Without allocation, everyone receives every source at the top layer (no height
 * limit), one endpoint per person: what every receiver got before simulcast.
 */
final class TumorBoard {

    /** Options of the scenario. */
    record Options(boolean allocation, int lastN, int tileHeight, int stageHeight, double speakerSeconds,
                   int keyframeEvery, int openMicrophones, int tileFrameRate, int stageFrameRate) {
        static Options fromSystemProperties() {
            return new Options(!Boolean.getBoolean("noAllocation"), Integer.getInteger("lastN", 16),
                    Integer.getInteger("tileHeight", 180), Integer.getInteger("stageHeight", 720),
                    Double.parseDouble(System.getProperty("speakerSeconds", "4")),
                    Integer.getInteger("keyframeEvery", 60), Integer.getInteger("openMics", Integer.MAX_VALUE),
                    Integer.getInteger("tileFrameRate", 8), Integer.getInteger("stageFrameRate", 15));
        }

        @Override
        public String toString() {
            String microphones = openMicrophones == Integer.MAX_VALUE ? "every microphone open (50 packets/s)"
                    : openMicrophones + " microphones open, the others muted with Opus DTX (a packet every 400 ms)";
            return (allocation
                    ? String.format(java.util.Locale.ROOT, "allocation: last-N %d, tiles at %dp %s, stage at %dp %s, speaker every %.1f s",
                    lastN, tileHeight, rate(tileFrameRate), stageHeight, rate(stageFrameRate), speakerSeconds)
                    : "no allocation: every source at its top layer")
                    + String.format(java.util.Locale.ROOT, "; keyframes every %d frames and on request; %s", keyframeEvery, microphones);
        }

        private static String rate(int frameRate) {
            return frameRate < 0 ? "full frame rate" : frameRate + " frames/s";
        }
    }

    /** One person at the board: the endpoint that publishes and gets the tiles, and its stage view (or null). */
    record Person(String id, LoadParticipant tiles, LoadParticipant stage) {
        long bytesReceived() {
            return tiles.bytesReceived() + (stage == null ? 0 : stage.bytesReceived());
        }
    }

    private final Conference conference;
    private final Options options;
    private final List<Person> people = new ArrayList<>();
    /** Most recent speaker first. */
    private final LinkedList<String> recentSpeakers = new LinkedList<>();
    private final Random random = new Random(20261206);
    private long nextSpeakerChange;
    private int speakerChanges;

    private TumorBoard(Conference conference, Options options) {
        this.conference = conference;
        this.options = options;
    }

    static TumorBoard join(InetSocketAddress bridge, Conference conference, int size, Options options) throws Exception {
        TumorBoard board = new TumorBoard(conference, options);
        for (int i = 0; i < size; i++) {
            String id = "p" + i;
            LoadParticipant tiles = LoadParticipant.joinSimulcast(bridge, conference, id, true,
                    SimulcastCamera.WEB_CLIENT, options.keyframeEvery(), new ReceivedLayers());
            if (i >= options.openMicrophones()) {
                tiles.muteWithDtx();
            }
            LoadParticipant stage = options.allocation()
                    ? LoadParticipant.joinSimulcast(bridge, conference, id + "-stage", false, List.of(),
                    options.keyframeEvery(), new ReceivedLayers())
                    : null;
            board.people.add(new Person(id, tiles, stage));
            board.recentSpeakers.addLast(id);
        }
        board.apply();
        return board;
    }

    List<Person> people() {
        return people;
    }

    /** Every endpoint, for the generator's send loop. */
    List<LoadParticipant> participants() {
        List<LoadParticipant> all = new ArrayList<>();
        for (Person person : people) {
            all.add(person.tiles());
            if (person.stage() != null) {
                all.add(person.stage());
            }
        }
        return all;
    }

    int speakerChanges() {
        return speakerChanges;
    }

    /** Changes the speaker when it is time (the generator's thread, between sends). */
    void step(long now) {
        if (!options.allocation()) {
            return;
        }
        if (nextSpeakerChange == 0) {
            nextSpeakerChange = now + (long) (options.speakerSeconds() * 1e9);
            return;
        }
        if (now - nextSpeakerChange < 0) {
            return;
        }
        nextSpeakerChange += (long) (options.speakerSeconds() * 1e9);
        // Who speaks next: anyone with an open microphone (when that is more than one person).
        int candidates = Math.min(people.size(), options.openMicrophones());
        candidates = candidates >= 2 ? candidates : people.size();
        String next;
        do {
            next = people.get(random.nextInt(candidates)).id();
        } while (next.equals(recentSpeakers.getFirst()));
        recentSpeakers.remove(next);
        recentSpeakers.addFirst(next);
        speakerChanges++;
        apply();
    }

    /** Tells the bridge what each receiver is to get now. */
    private void apply() {
        for (Person person : people) {
            Endpoint tiles = conference.endpoint(person.id()).orElseThrow();
            List<MediaSource> forwarded = new ArrayList<>();
            for (Person other : people) {
                if (other != person) {
                    forwarded.add(audioOf(other.id()));
                }
            }
            if (!options.allocation()) {
                for (Person other : people) {
                    if (other != person) {
                        forwarded.add(cameraOf(other.id()));
                    }
                }
                tiles.setReceiverConstraints(Tiles.atMost(Integer.MAX_VALUE));
                tiles.selectSources(forwarded);
                continue;
            }
            List<String> shown = recentSpeakers.stream().filter(id -> !id.equals(person.id()))
                    .limit(options.lastN()).toList();
            for (String tile : shown.subList(1, shown.size())) {
                forwarded.add(cameraOf(tile));
            }
            tiles.setReceiverConstraints(Tiles.atMost(options.tileHeight(), options.tileFrameRate()));
            tiles.selectSources(forwarded);
            Endpoint stage = conference.endpoint(person.id() + "-stage").orElseThrow();
            stage.setReceiverConstraints(Tiles.atMost(options.stageHeight(), options.stageFrameRate()));
            stage.selectSources(shown.isEmpty() ? List.of() : List.of(cameraOf(shown.get(0))));
        }
    }

    private MediaSource audioOf(String id) {
        return source(id, MediaSource.Kind.AUDIO);
    }

    private MediaSource cameraOf(String id) {
        return source(id, MediaSource.Kind.VIDEO);
    }

    private MediaSource source(String id, MediaSource.Kind kind) {
        return conference.endpoint(id).orElseThrow().sources().stream().filter(s -> s.kind() == kind)
                .findFirst().orElseThrow(() -> new IllegalStateException(id + " has no " + kind + " source"));
    }
}
