package org.consilium.videobridge.browser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.conference.Conference;

/** Browsers in one conference, by participant name, and what the tests ask of them. */
final class Participants implements AutoCloseable {

    static final Duration MEDIA_WAIT = Duration.ofSeconds(45);

    private final Conference conference;
    private final TestSignaling signaling;
    private final Map<String, TestBrowser> browsers = new LinkedHashMap<>();

    Participants(Conference conference, TestSignaling signaling) {
        this.conference = conference;
        this.signaling = signaling;
    }

    void add(String name, TestBrowser browser) {
        browsers.put(name, browser);
        browser.open(signaling.page(name));
    }

    /** A browser that reaches the test page elsewhere than on loopback (another network namespace). */
    void add(String name, TestBrowser browser, java.net.URI page) {
        browsers.put(name, browser);
        browser.open(page);
    }

    TestBrowser browser(String name) {
        return browsers.get(name);
    }

    /** Joins with the given camera size; a no-op for someone already in the call. */
    void join(String name, int width, int height, int frameRate) {
        join(name, width, height, frameRate, false);
    }

    /** Joins; with {@code simulcast}, the camera goes out in three layers (l, m, h: a quarter, half, full size). */
    void join(String name, int width, int height, int frameRate, boolean simulcast) {
        Object result = browsers.get(name).run("await window.call.join(args[0], args[1], args[2]); return 'joined';",
                List.of(name, Map.of("width", width, "height", height, "frameRate", frameRate), simulcast));
        if (!"joined".equals(result)) {
            throw new AssertionError(name + " could not join: " + result);
        }
    }

    void leave(String name) {
        browsers.get(name).run("await window.call.leave(); return 'left';", List.of());
    }

    /** Every participant decodes every other's video and receives their audio, and both keep rising. */
    void awaitEveryoneSeesEveryone() {
        for (String receiver : browsers.keySet()) {
            for (String publisher : browsers.keySet()) {
                if (!publisher.equals(receiver) && isIn(receiver) && isIn(publisher)) {
                    awaitMediaFlowing(receiver, publisher);
                }
            }
        }
    }

    private boolean isIn(String name) {
        return conference.endpoint(name).isPresent();
    }

    void awaitMediaFlowing(String receiver, String publisher) {
        Eventually.within(MEDIA_WAIT, () -> frames(receiver, publisher) > 10 && samples(receiver, publisher) > 0,
                () -> receiver + " does not decode " + publisher + ": " + browsers.get(receiver).stats()
                        + " bridge: " + bridgeStatistics());
        double frames = frames(receiver, publisher);
        double samples = samples(receiver, publisher);
        Eventually.within(MEDIA_WAIT, () -> frames(receiver, publisher) > frames + 10 && samples(receiver, publisher) > samples,
                () -> receiver + "'s frames from " + publisher + " stopped rising: " + browsers.get(receiver).stats());
    }

    void awaitNothingFrom(String receiver, String publisher) {
        Eventually.within(MEDIA_WAIT, () -> !publishers(receiver).containsKey(publisher),
                () -> receiver + " still receives from " + publisher + ": " + browsers.get(receiver).stats());
    }

    double frames(String receiver, String publisher) {
        return figure(receiver, publisher, "frames");
    }

    double samples(String receiver, String publisher) {
        return figure(receiver, publisher, "samples");
    }

    @SuppressWarnings("unchecked")
    private double figure(String receiver, String publisher, String name) {
        Map<String, Object> from = (Map<String, Object>) publishers(receiver).get(publisher);
        return from == null ? 0 : number(from.get(name));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> publishers(String receiver) {
        return (Map<String, Object>) browsers.get(receiver).stats().get("publishers");
    }

    List<?> pageErrors(String name) {
        return (List<?>) browsers.get(name).stats().get("errors");
    }

    static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    String bridgeStatistics() {
        return conference.endpoints().stream().map(e -> e.statistics().toString()).toList().toString();
    }

    @Override
    public void close() {
        browsers.values().forEach(TestBrowser::close);
    }
}
