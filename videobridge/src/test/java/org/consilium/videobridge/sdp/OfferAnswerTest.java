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

/** Real offers captured from Chromium 156 and Firefox ESR 140, read and answered. */
class OfferAnswerTest {

    private static final LocalTransport LOCAL = new LocalTransport("brdg", "0123456789abcdefghijkl", true,
            List.of(new HostCandidate("1", new java.net.InetSocketAddress("127.0.0.1", 10000))),
            BridgeCertificate.generate().fingerprint());

    @Test
    void chromiumsOfferGivesTransportSourcesAndTheFormatsTheBridgeForwards() throws Exception {
        Offer offer = Offer.read(resource("chromium-156-offer.sdp"), "alice");

        assertEquals("sha-256", offer.transport().fingerprint().algorithm());
        assertEquals(List.of(
                new MediaSource(MediaSource.Kind.AUDIO, (int) 3752213446L, null, "alice", "fd3da746-ab04-4c30-9ab9-3d0060e469f2"),
                new MediaSource(MediaSource.Kind.VIDEO, 1501703640, 1635206661, "alice", "21e73f4a-161f-4bae-a99d-e16320ca7960")),
                offer.sources());
        NegotiatedSection audio = offer.sections().get(0);
        assertEquals(List.of(111), payloadTypes(audio));
        NegotiatedSection video = offer.sections().get(1);
        assertEquals("vp8", video.formats().get(0).name(), "VP8 first, so every receiver can decode");
        assertEquals("h264", video.formats().get(1).name());
        assertTrue(video.formats().get(1).parameters().contains("42e01f"));
        assertTrue(video.hasRtx());
        assertEquals(List.of("ccm fir", "nack", "nack pli", "transport-cc"),
                video.formats().get(0).feedback().stream().sorted().toList());
        assertTrue(offer.sections().get(2).isReceiveSlot());
        assertEquals(3, offer.formats().extensionId(HeaderExtension.TRANSPORT_CC));
    }

    @Test
    void theAnswerIsIceLitePassiveBundledAndPlacesSourcesInReceiveSlots() throws Exception {
        Offer offer = Offer.read(resource("chromium-156-offer.sdp"), "alice");
        MediaSource bob = new MediaSource(MediaSource.Kind.VIDEO, 0x0B0B, 0x0B0C, "bob", "camera");

        String answer = Answer.write(offer, LOCAL, Map.of("3", bob), 42, 1);

        SessionDescription parsed = SessionDescription.parse(answer);
        assertEquals("BUNDLE 0 1 2 3", parsed.attribute("group").orElseThrow());
        assertTrue(parsed.attribute("ice-lite").isPresent());
        for (MediaDescription section : parsed.media()) {
            assertEquals("passive", section.attribute("setup").orElseThrow());
            assertTrue(section.attribute("rtcp-mux").isPresent() && section.attribute("rtcp-rsize").isPresent());
            assertEquals(LOCAL.fingerprint().toSdpValue(), section.attribute("fingerprint").orElseThrow());
            assertFalse(section.attributes("extmap").stream().anyMatch(e -> e.contains("sdes:mid")));
        }
        assertEquals(Direction.RECVONLY, parsed.media().get(0).direction(), "the bridge receives what the browser sends");
        assertEquals(Direction.INACTIVE, parsed.media().get(2).direction(), "an empty slot");
        MediaDescription slot = parsed.media().get(3);
        assertEquals(Direction.SENDONLY, slot.direction());
        assertEquals("bob video-2827", slot.attribute("msid").orElseThrow());
        assertEquals("FID 2827 2828", slot.attribute("ssrc-group").orElseThrow());
        assertTrue(answer.contains("a=candidate:1 1 udp " + HostCandidate.PRIORITY + " 127.0.0.1 10000 typ host"));
    }

    @Test
    void withATcpMediaPortEverySectionListsItsPassiveCandidateAfterTheUdpOne() throws Exception {
        LocalTransport both = new LocalTransport("brdg", "0123456789abcdefghijkl", true, List.of(
                new HostCandidate("1", new java.net.InetSocketAddress("10.1.2.3", 10000)),
                new HostCandidate("2", new java.net.InetSocketAddress("10.1.2.3", 4443), HostCandidate.Transport.TCP_PASSIVE)),
                LOCAL.fingerprint());

        String answer = Answer.write(Offer.read(resource("chromium-156-offer.sdp"), "alice"), both, Map.of(), 42, 1);

        for (MediaDescription section : SessionDescription.parse(answer).media()) {
            assertEquals(List.of(
                    "1 1 udp 2130706431 10.1.2.3 10000 typ host generation 0",
                    "2 1 tcp 1520435199 10.1.2.3 4443 typ host tcptype passive generation 0"),
                    section.attributes("candidate"));
        }
    }

    @Test
    void firefoxBundleOnlySectionsAreLiveAndItsNumberingMapsToChromiums() throws Exception {
        Offer firefox = Offer.read(resource("firefox-esr-140-offer.sdp"), "frank");
        Offer chromium = Offer.read(resource("chromium-156-offer.sdp"), "alice");

        assertEquals(4, firefox.sections().stream().filter(s -> !s.isRejected()).count());
        assertEquals(2, firefox.sources().size());
        FormatMapping toChromium = chromium.formats().mappingFrom(firefox.formats());
        assertEquals(96, toChromium.payloadType(120), "Firefox's VP8 is Chromium's 96");
        assertEquals(111, toChromium.payloadType(109), "Firefox's Opus is Chromium's 111");
        assertEquals(PayloadFormat.NONE, toChromium.payloadType(124), "RTX is never forwarded as-is");
        int firefoxTcc = firefox.formats().extensionId(HeaderExtension.TRANSPORT_CC);
        assertEquals(3, toChromium.extensionIds()[firefoxTcc]);
        assertEquals(3, toChromium.transportCcId());
    }

    @Test
    void bothBrowsersAudioLevelsAreNegotiatedForSpeakerDetection() throws Exception {
        Offer chromium = Offer.read(resource("chromium-156-offer.sdp"), "alice");
        Offer firefox = Offer.read(resource("firefox-esr-140-offer.sdp"), "frank");

        assertEquals(1, chromium.formats().audioLevelId());
        assertEquals(1, firefox.formats().audioLevelId());
        String answer = Answer.write(chromium, LOCAL, Map.of(), 42, 1);
        MediaDescription audio = SessionDescription.parse(answer).media().get(0);
        assertTrue(audio.attributes("extmap").contains("1 " + HeaderExtension.AUDIO_LEVEL), audio.attributes("extmap").toString());
        assertEquals(0, EndpointFormats.UNNEGOTIATED.audioLevelId());
    }

    @Test
    void offersTheBridgeCannotAnswerAreRefusedWithTheReason() {
        assertRefused("", "empty");
        assertRefused("o=- 1 1 IN IP4 0.0.0.0\r\n", "v=0");
        assertRefused("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n", "BUNDLE");
        assertRefused("v=0\r\nthis is not sdp\r\n", "line 2");
        assertRefused("v=0\r\nm=audio nine UDP/TLS/RTP/SAVPF 111\r\n", "port");
        String chromium = resourceQuietly("chromium-156-offer.sdp");
        assertRefused(chromium.replace("a=setup:actpass", "a=setup:passive"), "setup");
        assertRefused(chromium.replaceAll("a=fingerprint:[^\r\n]*\r\n", ""), "fingerprint");
        assertRefused(chromium.replace("a=rtcp-mux\r\n", ""), "rtcp-mux");
        assertRefused(chromium.replace("a=group:BUNDLE 0 1 2 3", "a=group:BUNDLE 0 0 1 2 3"), "twice");
        assertRefused(chromium.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus/fast/2"), "clock rate");
        assertRefused("v=0\r\n" + "a=x\r\n".repeat(60_000), "longer");
    }

    /** Whatever a browser (or an attacker) sends, the reader either answers or says why: nothing else escapes. */
    @Test
    void theAnswerAsksForOpusDiscontinuousTransmission() throws Exception {
        Offer offer = Offer.read(resource("chromium-156-offer.sdp"), "alice");
        MediaDescription audio = SessionDescription.parse(Answer.write(offer, LOCAL, Map.of(), 1, 1)).media().get(0);
        assertTrue(audio.attributes("fmtp").stream().anyMatch(f -> f.startsWith("111 ") && f.endsWith(";usedtx=1")),
                audio.attributes("fmtp").toString());
    }

    @Test
    void mutatedOffersNeverThrowAnythingButInvalidSdp() throws Exception {
        String original = resource("chromium-156-offer.sdp");
        Random random = new Random(8866);
        int answered = 0;
        for (int i = 0; i < 3000; i++) {
            char[] chars = original.toCharArray();
            for (int m = 0; m < 1 + random.nextInt(8); m++) {
                chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
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

    private static List<Integer> payloadTypes(NegotiatedSection section) {
        return section.formats().stream().map(PayloadFormat::payloadType).toList();
    }

    private static String resourceQuietly(String name) {
        try {
            return resource(name);
        } catch (IOException missing) {
            throw new IllegalStateException(missing);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OfferAnswerTest.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
