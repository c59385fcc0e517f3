package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.domain.room.Modality;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.allocation.SourceAllocation;
import org.consilium.videobridge.allocation.SourceAllocation.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's decisions as the browsers and the visit record get them: at most one message
 * per receiver (or publisher section) per 500 ms, only on a change, the latest one winning;
 * a change of modality noted once it held for 5 s, at the moment it began. Time and timers by hand.
 */
class MediaNewsTest {

    private static final Instant START = Instant.parse("2026-12-06T17:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final Timers timers = new Timers();
    private final List<String> writes = new ArrayList<>();
    private final Line anaLine = new Line();
    private final Line benLine = new Line();
    private CallMember ana;
    private CallMember ben;
    private MediaNews news;

    @BeforeEach
    void callWithTwo() {
        VisitRecord visit = new VisitRecord(new RoomId(UUID.randomUUID()), new Store(), Runnable::run);
        ana = new CallMember("a", "ana", "Ana", CallMember.Role.OWNER, anaLine);
        ben = new CallMember("b", "ben", "Ben", CallMember.Role.STAFF, benLine);
        visit.start(ana, START);
        writes.clear();
        news = new MediaNews(new CallServices(clock, null, timers), visit);
        news.present(List.of(ana, ben));
    }

    @Test
    void theFirstChangeGoesAtOnceLaterOnesAtMostEvery500MsTheLatestWinning() {
        news.allocationChanged(null, "a", allocation(forwarded(720)));
        assertEquals(1, anaLine.sent.size());
        JsonObject first = anaLine.sent.get(0);
        assertEquals("media-allocation", first.getString("type"));
        assertEquals(1_200_000, first.getJsonNumber("estimateBps").longValue());
        assertEquals(Json.createObjectBuilder().add("state", "forwarded").add("height", 720).build(),
                first.getJsonObject("sources").getJsonObject("b/cam"));

        clock.move(Duration.ofMillis(100));
        news.allocationChanged(null, "a", allocation(forwarded(360)));
        news.allocationChanged(null, "a", allocation(forwarded(180)));
        assertEquals(1, anaLine.sent.size(), "within 500 ms of the last: held back");
        Timers.Pending due = timers.latest();
        assertEquals(Duration.ofMillis(400), due.delay, "due when the interval since the last message is over");

        clock.move(Duration.ofMillis(400));
        due.run();
        assertEquals(2, anaLine.sent.size());
        assertEquals(180, anaLine.last().getJsonObject("sources").getJsonObject("b/cam").getInt("height"), "the latest won");
        assertTrue(benLine.sent.isEmpty(), "news for Ana only");
    }

    @Test
    void newsFromAnotherNodesBridgeGoesOutAsThisNodesOwnWouldForMembersHereOnly() {
        String allocation = CallMessages.mediaAllocation(allocation(forwarded(720))).toString();
        news.relayed(new RelayedNews("a", null, allocation));
        news.relayed(new RelayedNews("a", null, allocation)); // the same again: nothing new
        news.relayed(new RelayedNews("b", "1", CallMessages.publishLayers("1", Map.of("h", false)).toString()));
        news.relayed(new RelayedNews("gone", null, allocation));

        assertEquals(List.of("media-allocation"), anaLine.sent.stream().map(m -> m.getString("type")).toList());
        assertEquals(720, anaLine.last().getJsonObject("sources").getJsonObject("b/cam").getInt("height"));
        assertEquals(List.of("publish-layers"), benLine.sent.stream().map(m -> m.getString("type")).toList());
    }

    @Test
    void nothingIsSentWhenNothingChangedAndABriefChangeThatWentBackIsNeverSeen() {
        news.allocationChanged(null, "a", allocation(forwarded(720)));
        clock.move(Duration.ofSeconds(2));
        news.allocationChanged(null, "a", new Allocation(Map.of("b/cam", forwarded(720)), 1_500_000, 900_000));
        assertEquals(1, anaLine.sent.size(), "only the estimate moved: the sources are what the page shows");

        news.allocationChanged(null, "a", allocation(paused(Reason.LAST_N)));
        assertEquals(2, anaLine.sent.size());
        clock.move(Duration.ofMillis(100));
        news.allocationChanged(null, "a", allocation(forwarded(180)));
        news.allocationChanged(null, "a", allocation(paused(Reason.LAST_N)));
        clock.move(Duration.ofMillis(400));
        timers.latest().run();
        assertEquals(2, anaLine.sent.size(), "back to what the browser has: nothing to say");
    }

    @Test
    void publishLayersGoToThePublisherPerSection() {
        news.layersNeeded(null, "b", "1", Map.of("l", true, "m", true, "h", false));
        news.layersNeeded(null, "b", "3", Map.of("q", true));
        assertEquals(List.of("publish-layers", "publish-layers"), benLine.types());
        JsonObject first = benLine.sent.get(0);
        assertEquals("1", first.getString("mid"));
        assertEquals(Json.createObjectBuilder().add("h", false).add("l", true).add("m", true).build(),
                first.getJsonObject("active"));
        news.layersNeeded(null, "b", "1", Map.of("l", true, "m", true, "h", false));
        assertEquals(2, benLine.sent.size(), "the same layers again: no news");
        news.layersNeeded(null, "nobody", "1", Map.of("l", true));
        assertTrue(anaLine.sent.isEmpty());
    }

    @Test
    void audioOnlyIsNotedWhenItHeldFiveSecondsFromWhenItBegan() {
        news.allocationChanged(null, "a", allocation(paused(Reason.BANDWIDTH)));
        Instant began = clock.instant();
        Timers.Pending hold = timers.latest();
        assertEquals(ModalityWatch.HOLD, hold.delay);
        assertTrue(writes.isEmpty(), "not yet: it might be a wobble");

        clock.move(ModalityWatch.HOLD);
        hold.run();
        assertEquals(List.of("modality ana audio-only " + began), writes);

        clock.move(Duration.ofSeconds(30));
        news.allocationChanged(null, "a", allocation(forwarded(180)));
        Instant resumed = clock.instant();
        clock.move(ModalityWatch.HOLD);
        timers.latest().run();
        assertEquals("modality ana video " + resumed, writes.get(1));
    }

    @Test
    void aDropThatRecoversWithinTheHoldIsNoChangeOfModality() {
        news.allocationChanged(null, "a", allocation(paused(Reason.BANDWIDTH)));
        Timers.Pending hold = timers.latest();
        clock.move(Duration.ofSeconds(2));
        news.allocationChanged(null, "a", allocation(forwarded(180)));
        assertTrue(hold.cancelled, "back to video before it held");
        hold.run(); // a timer that fires anyway (it was already running) changes nothing
        assertTrue(writes.isEmpty());
    }

    @Test
    void onlyVideoPausedForBandwidthMakesAudioOnly() {
        assertEquals(Modality.AUDIO_ONLY, ModalityWatch.of(new Allocation(Map.of("b/cam", paused(Reason.BANDWIDTH),
                "c/cam", paused(Reason.LAST_N)), 0, 100_000)));
        assertEquals(Modality.VIDEO, ModalityWatch.of(new Allocation(Map.of("b/cam", paused(Reason.BANDWIDTH),
                "c/cam", forwarded(180)), 150_000, 300_000)), "one video still comes");
        assertEquals(Modality.VIDEO, ModalityWatch.of(allocation(paused(Reason.LAST_N))), "a choice, not the connection");
        assertEquals(Modality.VIDEO, ModalityWatch.of(allocation(paused(Reason.NO_SIGNAL))));
        assertEquals(Modality.VIDEO, ModalityWatch.of(new Allocation(Map.of(), 0, 50_000)), "nobody sends video");
    }

    @Test
    void someoneWhoLeftGetsNoNewsAndTheirPendingNewsIsDropped() {
        news.allocationChanged(null, "a", allocation(forwarded(720)));
        news.allocationChanged(null, "a", allocation(paused(Reason.BANDWIDTH)));
        List<Timers.Pending> pending = List.copyOf(timers.scheduled);
        news.present(List.of(ben));
        assertTrue(pending.stream().allMatch(p -> p.cancelled), "the coalesced message and the modality hold");
        news.allocationChanged(null, "a", allocation(forwarded(360)));
        assertEquals(1, anaLine.sent.size());
        assertTrue(writes.isEmpty());
    }

    /**
     * A send that overflows the browser's queue closes the connection, and the close may run the
     * leave at once, on the sending thread; the leave takes the call's lock, whose holders tell
     * this news who is present. So nothing here may be locked while a message is sent.
     */
    @Test
    void noLockIsHeldWhileAMessageGoesOut() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean otherThreadGotThrough = new java.util.concurrent.atomic.AtomicBoolean();
        CallMember cal = new CallMember("c", "cal", "Cal", CallMember.Role.STAFF, new CallConnection() {
            @Override
            public void send(JsonObject message) {
                Thread leave = new Thread(() -> {
                    news.present(List.of(ana)); // what the call does under its lock when someone leaves
                    otherThreadGotThrough.set(true);
                });
                leave.start();
                try {
                    leave.join(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close(String reason) {
            }
        });
        news.present(List.of(ana, cal));
        news.allocationChanged(null, "c", allocation(forwarded(360)));
        assertTrue(otherThreadGotThrough.get(), "another thread got through while the message went out");
    }

    private static Allocation allocation(SourceAllocation camera) {
        return new Allocation(Map.of("b/cam", camera), camera.isForwarded() ? 500_000 : 0, 1_200_000);
    }

    private static SourceAllocation forwarded(int height) {
        return new SourceAllocation("b/cam", height == 720 ? 2 : height == 360 ? 1 : 0, height, 0, Reason.FORWARDED);
    }

    private static SourceAllocation paused(Reason reason) {
        return new SourceAllocation("b/cam", SourceAllocation.NONE, 0, 0, reason);
    }

    private final class Store implements VisitStore {
        @Override
        public void identityConfirmed(VisitId visit, CallMember host, CallMember guest,
                                      org.consilium.domain.room.IdentityMethod method, Instant at) {
        }

        @Override
        public void endInterrupted(RoomId room) {
        }

        @Override
        public void start(VisitId visit, RoomId room, Instant at, CallMember first) {
            writes.add("start " + first.principal());
        }

        @Override
        public void join(VisitId visit, CallMember member, Instant at) {
        }

        @Override
        public void leave(VisitId visit, CallMember member, Instant at) {
        }

        @Override
        public void end(VisitId visit, Instant at, VisitEnd reason) {
        }

        @Override
        public void modality(VisitId visit, CallMember member, Modality modality, Instant at) {
            writes.add("modality " + member.principal() + " " + modality.code() + " " + at);
        }
    }

    private static final class Line implements CallConnection {
        final List<JsonObject> sent = new ArrayList<>();

        @Override
        public void send(JsonObject message) {
            sent.add(message);
        }

        @Override
        public void close(String reason) {
        }

        JsonObject last() {
            return sent.get(sent.size() - 1);
        }

        List<String> types() {
            return sent.stream().map(m -> m.getString("type")).toList();
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = START;

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class Timers implements CallTimers {
        static final class Pending {
            final Duration delay;
            final Runnable task;
            boolean cancelled;

            Pending(Duration delay, Runnable task) {
                this.delay = delay;
                this.task = task;
            }

            void run() {
                task.run();
            }
        }

        final List<Pending> scheduled = new ArrayList<>();

        @Override
        public Timer after(Duration delay, Runnable task) {
            Pending pending = new Pending(delay, task);
            scheduled.add(pending);
            return () -> pending.cancelled = true;
        }

        Pending latest() {
            return scheduled.get(scheduled.size() - 1);
        }
    }
}
