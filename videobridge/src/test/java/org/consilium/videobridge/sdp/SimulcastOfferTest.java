package org.consilium.videobridge.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.BridgeCertificate;
import org.consilium.videobridge.ice.HostCandidate;
import org.junit.jupiter.api.Test;

/** Chromium 156's simulcast offer (three RID layers, no SSRCs), read and answered; broken ones refused. */
class SimulcastOfferTest {

    private static final LocalTransport LOCAL = new LocalTransport("brdg", "0123456789abcdefghijkl", true,
            List.of(new HostCandidate("1", new java.net.InetSocketAddress("127.0.0.1", 10000))),
            BridgeCertificate.generate().fingerprint());

    @Test
    void chromiumsSimulcastOfferDeclaresOneSourceWithThreeLayersLowestFirst() throws Exception {
        Offer offer = Offer.read(resource(), "lecturer");

        MediaSource camera = offer.sources().stream().filter(s -> s.kind() == MediaSource.Kind.VIDEO)
                .findFirst().orElseThrow();
        assertTrue(camera.isSimulcast());
        assertEquals(new MediaSource.Simulcast("0", List.of("l", "m", "h")), camera.simulcast());
        NegotiatedSection video = offer.sections().get(0);
        assertEquals(List.of("l", "m", "h"), video.rids());
        assertEquals(10, offer.formats().ridId());
        assertEquals(11, offer.formats().repairedRidId());
        assertEquals(9, offer.formats().midId());
        assertTrue(offer.sections().get(1).rids().isEmpty(), "audio is never simulcast");
        assertFalse(offer.sections().get(1).extensions().stream().anyMatch(e -> e.uri().equals(HeaderExtension.MID)),
                "sdes:mid is accepted only where layers are learnt from it");
    }

    @Test
    void theAnswerReceivesTheLayersAndNeverForwardsTheIdentifyingExtensions() throws Exception {
        Offer offer = Offer.read(resource(), "lecturer");
        String answer = Answer.write(offer, LOCAL, Map.of(), 1, 1);

        MediaDescription video = SessionDescription.parse(answer).media().get(0);
        assertEquals(List.of("l recv", "m recv", "h recv"), video.attributes("rid"));
        assertEquals(List.of("recv l;m;h"), video.attributes("simulcast"));
        assertTrue(video.attributes("extmap").contains("10 " + HeaderExtension.RID));
        var mapping = offer.formats().mappingFrom(offer.formats());
        assertEquals(0, mapping.extensionIds()[10], "a receiver never gets a publisher's RID");
        assertEquals(0, mapping.extensionIds()[9], "nor its mid");
        assertEquals(4, mapping.extensionIds()[4], "transport-cc is still mapped");
    }

    @Test
    void brokenSimulcastOffersAreRefusedWithTheReason() throws Exception {
        String offer = resource();
        assertRefused(offer.replace("a=simulcast:send l;m;h", "a=simulcast:send l;m;x"), "has no a=rid:x send");
        assertRefused(offer.replace("a=simulcast:send l;m;h", "a=simulcast:send l;l"), "appears twice");
        assertRefused(offer.replace("a=simulcast:send l;m;h", "a=simulcast:send l;m;h;a;b")
                .replace("a=rid:h send", "a=rid:h send\r\na=rid:a send\r\na=rid:b send"), "at most 4");
        assertRefused(offer.replace("a=simulcast:send l;m;h", "a=simulcast:send l;m;h extra"), "malformed");
        assertRefused(offer.replace("a=simulcast:send l;m;h", "a=simulcast:send l;m;h!"), "not a valid RID");
        assertRefused(offer.replace("a=rid:l send", "a=rid:l\u00e9 send"), "malformed");
        assertRefused(offer.replace("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n", ""),
                "without the rtp-stream-id header extension");
    }

    @Test
    void firstAlternativeAndPausedLayersAreTakenAndRecvOnlySimulcastIsIgnored() throws Exception {
        String offer = resource();
        Offer alternatives = Offer.read(offer.replace("a=simulcast:send l;m;h", "a=simulcast:send l,m;~h"), "x");
        assertEquals(List.of("l", "h"), alternatives.sections().get(0).rids());
        Offer receiveOnly = Offer.read(offer.replace("a=simulcast:send l;m;h", "a=simulcast:recv l;m;h"), "x");
        assertTrue(receiveOnly.sections().get(0).rids().isEmpty());
    }

    @Test
    void anSsrcGroupSimDeclaresItsLayersBySsrcLowestFirst() throws Exception {
        String plain;
        try (InputStream in = SimulcastOfferTest.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            plain = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String sim = plain.replace("a=ssrc-group:FID 1501703640 1635206661",
                "a=ssrc-group:SIM 1501703640 11 12\r\na=ssrc-group:FID 1501703640 1635206661\r\n"
                        + "a=ssrc-group:FID 11 21\r\na=ssrc-group:FID 12 22");
        MediaSource camera = Offer.read(sim, "legacy").sources().get(1);
        assertTrue(camera.isSimulcast());
        assertEquals(List.of(1501703640, 11, 12), camera.simulcast().ssrcs());
        assertEquals(List.of(1635206661, 21, 22), camera.simulcast().rtxSsrcs());
        assertEquals(List.of("0", "1", "2"), camera.simulcast().rids());
        assertRefused(plain.replace("a=ssrc-group:FID 1501703640 1635206661", "a=ssrc-group:SIM 5 5"), "twice");
        assertRefused(plain.replace("a=ssrc-group:FID 1501703640 1635206661", "a=ssrc-group:SIM 1 2 3 4 5"), "1 to 4");
    }

    @Test
    void mutatedSimulcastOffersNeverThrowAnythingButInvalidSdp() throws Exception {
        String original = resource();
        int simulcast = original.indexOf("a=rid:l send");
        Random random = new Random(20261206);
        int answered = 0;
        for (int i = 0; i < 3000; i++) {
            char[] chars = original.toCharArray();
            for (int m = 0; m < 1 + random.nextInt(6); m++) {
                // mostly in the rid/simulcast lines, sometimes anywhere
                int at = random.nextInt(4) == 0 ? random.nextInt(chars.length) : simulcast + random.nextInt(70);
                chars[at] = (char) (32 + random.nextInt(95));
            }
            try {
                Offer offer = Offer.read(new String(chars), "fuzz");
                assertNotNull(Answer.write(offer, LOCAL, Map.of(), 1, 1));
                answered++;
            } catch (InvalidSdpException refused) {
                assertNotNull(refused.getMessage());
            }
        }
        assertTrue(answered > 0, "some mutations are harmless and still answered");
    }

    private static void assertRefused(String sdp, String reasonContains) {
        InvalidSdpException refused = assertThrows(InvalidSdpException.class, () -> Offer.read(sdp, "x"));
        assertTrue(refused.getMessage().contains(reasonContains), refused.getMessage());
    }

    private static String resource() throws IOException {
        try (InputStream in = SimulcastOfferTest.class.getResourceAsStream("/sdp/chromium-156-simulcast-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
