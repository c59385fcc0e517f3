package org.consilium.videobridge.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stun.StunMessage;
import org.consilium.videobridge.transport.MediaPath;
import org.consilium.videobridge.transport.UdpPath;
import org.junit.jupiter.api.Test;

class IceLiteAgentTest {

    private final IceCredentials bridge = IceCredentials.random();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final IceLiteAgent agent = new IceLiteAgent(bridge, now::get);
    private final MediaPath browser = udp(50000);

    @Test
    void aValidCheckIsAnsweredWithTheMappedAddressUnderTheSamePassword() throws Exception {
        IceLiteAgent.Outcome outcome = agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", false)), browser);

        IceLiteAgent.Answer answer = assertInstanceOf(IceLiteAgent.Answer.class, outcome);
        StunMessage response = parse(answer.response());
        assertEquals(StunMessage.BINDING_SUCCESS, response.type());
        assertEquals(browser.remoteAddress(), response.xorMappedAddress());
        assertTrue(response.hasValidIntegrity(bridge.passwordBytes()));
        assertTrue(response.hasValidFingerprint());
        assertTrue(agent.isValidated(browser));
        assertEquals(browser, agent.selectedPath());
        assertEquals(browser.remoteAddress(), agent.selectedAddress());
    }

    @Test
    void useCandidateMovesTheSelectedPair() throws Exception {
        MediaPath other = udp(50001);
        agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", false)), browser);

        IceLiteAgent.Outcome outcome = agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", true)), other);

        assertTrue(assertInstanceOf(IceLiteAgent.Answer.class, outcome).nominated());
        assertEquals(other, agent.selectedPath());
    }

    @Test
    void badChecksAreRefusedAndChangeNothing() throws Exception {
        byte[] wrongPassword = ConnectivityChecks.check(bridge.ufrag() + ":brws", "x".repeat(22).getBytes(), true, true);
        byte[] noFingerprint = ConnectivityChecks.check(bridge.ufrag() + ":brws", bridge.passwordBytes(), true, false);
        byte[] otherEndpoint = ConnectivityChecks.check("nope:brws", bridge.passwordBytes(), true, true);
        byte[] noIntegrity = ConnectivityChecks.check(bridge.ufrag() + ":brws", null, true, true);

        assertEquals(DropReason.BAD_MESSAGE_INTEGRITY, refusal(wrongPassword));
        assertEquals(DropReason.BAD_FINGERPRINT, refusal(noFingerprint));
        assertEquals(DropReason.UNKNOWN_ICE_UFRAG, refusal(otherEndpoint));
        assertEquals(DropReason.BAD_MESSAGE_INTEGRITY, refusal(noIntegrity));
        assertNull(agent.selectedAddress());
        assertFalse(agent.isValidated(browser));
    }

    @Test
    void onceTheRemoteUfragIsKnownChecksFromAnyOtherAreRefused() throws Exception {
        agent.setRemoteUfrag("brws");

        assertEquals(DropReason.UNKNOWN_ICE_UFRAG, refusal(ConnectivityChecks.check(bridge, "evil", true)));
        assertInstanceOf(IceLiteAgent.Answer.class, agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", true)), browser));
    }

    @Test
    void consentLapsesThirtySecondsAfterTheLastCheck() throws Exception {
        agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", true)), browser);
        now.addAndGet(IceLiteAgent.CONSENT_TIMEOUT_NANOS - 1);
        assertTrue(agent.hasConsent());

        now.addAndGet(1);

        assertFalse(agent.hasConsent());
        assertFalse(agent.isValidated(browser));
    }

    @Test
    void aPathThatClosedOrWasForgottenIsNoLongerValidatedNorSelected() throws Exception {
        AtomicBoolean open = new AtomicBoolean(true);
        MediaPath connection = new MediaPath() {
            @Override
            public void send(byte[] buffer, int offset, int length) {
            }

            @Override
            public InetSocketAddress remoteAddress() {
                return new InetSocketAddress("127.0.0.1", 50002);
            }

            @Override
            public boolean isOpen() {
                return open.get();
            }
        };
        agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", true)), connection);
        assertTrue(agent.hasConsent());

        open.set(false);
        assertFalse(agent.isValidated(connection), "a closed connection carries nothing");
        assertFalse(agent.hasConsent());

        agent.forget(connection);
        assertNull(agent.selectedPath());
        agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", false)), browser);
        assertEquals(browser, agent.selectedPath(), "the next answered check selects again");
    }

    @Test
    void afterARestartOnlyTheNewCredentialsValidateAnAddress() throws Exception {
        agent.setRemoteUfrag("brws");
        agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", true)), browser);
        IceCredentials fresh = IceCredentials.random();
        MediaPath moved = udp(50002);

        assertEquals(bridge.ufrag(), agent.restart(fresh, "nwbr"));

        assertEquals(fresh, agent.localCredentials());
        assertEquals(DropReason.UNKNOWN_ICE_UFRAG, refusal(ConnectivityChecks.check(bridge, "brws", true), moved));
        assertEquals(DropReason.UNKNOWN_ICE_UFRAG, refusal(ConnectivityChecks.check(bridge, "nwbr", true), moved));
        assertEquals(DropReason.UNKNOWN_ICE_UFRAG, refusal(ConnectivityChecks.check(fresh, "brws", true), moved));
        byte[] oldPassword = ConnectivityChecks.check(fresh.ufrag() + ":nwbr", bridge.passwordBytes(), true, true);
        assertEquals(DropReason.BAD_MESSAGE_INTEGRITY, refusal(oldPassword, moved));
        assertFalse(agent.isValidated(moved));
        assertEquals(browser, agent.selectedPath(), "media stays on the old pair until a new one is selected");
        assertTrue(agent.hasConsent(), "within the old pair's consent");

        IceLiteAgent.Answer answer = assertInstanceOf(IceLiteAgent.Answer.class,
                agent.onBindingRequest(parse(ConnectivityChecks.check(fresh, "nwbr", true)), moved));

        assertTrue(parse(answer.response()).hasValidIntegrity(fresh.passwordBytes()), "answered under the new password");
        assertEquals(moved, agent.selectedPath());
        assertTrue(agent.isValidated(moved));
    }

    @Test
    void theOldPairLosesConsentWhenOnlyTheOldCredentialsCouldRefreshIt() throws Exception {
        agent.setRemoteUfrag("brws");
        agent.onBindingRequest(parse(ConnectivityChecks.check(bridge, "brws", true)), browser);
        agent.restart(IceCredentials.random(), "nwbr");

        now.addAndGet(IceLiteAgent.CONSENT_TIMEOUT_NANOS / 2);
        refusal(ConnectivityChecks.check(bridge, "brws", false), browser); // a stale consent check: no refresh
        now.addAndGet(IceLiteAgent.CONSENT_TIMEOUT_NANOS / 2);

        assertFalse(agent.hasConsent());
    }

    @Test
    void aRestartMustChangeTheLocalUfrag() {
        IceCredentials same = new IceCredentials(bridge.ufrag(), "y".repeat(22));
        assertThrows(IllegalArgumentException.class, () -> agent.restart(same, "nwbr"));
        assertEquals(bridge, agent.localCredentials());
    }

    @Test
    void credentialsFollowRfc8445AndHideThePassword() {
        IceCredentials credentials = IceCredentials.random();
        assertTrue(credentials.ufrag().matches("[A-Za-z0-9+/]{8}"));
        assertTrue(credentials.password().matches("[A-Za-z0-9+/]{24}"));
        assertFalse(credentials.toString().contains(credentials.password()));
    }

    @Test
    void hostCandidateLine() {
        HostCandidate candidate = new HostCandidate("1", new InetSocketAddress("127.0.0.1", 10000));
        assertEquals("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host generation 0", candidate.toSdpAttribute());
    }

    @Test
    void passiveTcpCandidateLineRanksBelowEveryUdpOne() {
        HostCandidate candidate = new HostCandidate("3", new InetSocketAddress("10.1.2.3", 4443),
                HostCandidate.Transport.TCP_PASSIVE);
        // 90 << 24 | (4 << 13 | 8191) << 8 | 255 (RFC 6544 §4.2)
        assertEquals("candidate:3 1 tcp 1520435199 10.1.2.3 4443 typ host tcptype passive generation 0",
                candidate.toSdpAttribute());
        assertTrue(candidate.priority() < HostCandidate.PRIORITY);
    }

    private static MediaPath udp(int port) {
        return new UdpPath((buffer, offset, length, to) -> { }, new InetSocketAddress("127.0.0.1", port));
    }

    private DropReason refusal(byte[] check) throws Exception {
        return refusal(check, browser);
    }

    private DropReason refusal(byte[] check, MediaPath from) throws Exception {
        return assertInstanceOf(IceLiteAgent.Refusal.class, agent.onBindingRequest(parse(check), from)).reason();
    }

    private static StunMessage parse(byte[] bytes) throws Exception {
        return StunMessage.parse(bytes, 0, bytes.length);
    }
}
