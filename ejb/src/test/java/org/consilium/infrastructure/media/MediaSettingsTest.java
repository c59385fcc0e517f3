package org.consilium.infrastructure.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.consilium.videobridge.BridgeConfig;
import org.junit.jupiter.api.Test;

class MediaSettingsTest {

    /** A host with loopback, a link-local and two hospital addresses, and a global IPv6 one. */
    private static final Supplier<List<InetAddress>> HOST = () -> addresses(
            "127.0.0.1", "::1", "fe80::a00:27ff:fe4e:66a1", "2001:db8::10", "10.20.30.40", "169.254.7.7", "192.168.5.6");
    private static final Supplier<List<InetAddress>> UNASKED = () -> {
        throw new AssertionError("the host's addresses were not to be asked");
    };

    @Test
    void theDefaultsBindEveryIpv4AddressOnPort10000AndAdvertiseTheHostsUsableOnes() {
        BridgeConfig config = MediaSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), HOST);

        assertEquals(new InetSocketAddress(ip("0.0.0.0"), 10000), config.bindAddress());
        assertEquals(addresses("10.20.30.40", "192.168.5.6"), config.advertisedAddresses());
    }

    @Test
    void blankValuesCountAsUnset() {
        BridgeConfig config = MediaSettings.of(Optional.of(" "), Optional.of(""), Optional.of(" "), HOST);

        assertEquals(new InetSocketAddress(ip("0.0.0.0"), 10000), config.bindAddress());
        assertEquals(addresses("10.20.30.40", "192.168.5.6"), config.advertisedAddresses());
    }

    @Test
    void aSpecificBindAddressIsTheOneAdvertised() {
        BridgeConfig config = MediaSettings.of(Optional.of("127.0.0.1"), Optional.of(" 10100 "), Optional.empty(), UNASKED);

        assertEquals(new InetSocketAddress(ip("127.0.0.1"), 10100), config.bindAddress());
        assertEquals(addresses("127.0.0.1"), config.advertisedAddresses());
    }

    @Test
    void theIpv6WildcardAdvertisesIpv4ThenGlobalIpv6AndNeverLoopbackOrLinkLocal() {
        BridgeConfig config = MediaSettings.of(Optional.of("::"), Optional.empty(), Optional.empty(), HOST);

        assertEquals(addresses("10.20.30.40", "192.168.5.6", "2001:db8::10"), config.advertisedAddresses());
    }

    @Test
    void aHostWithOnlyLoopbackAdvertisesLoopback() {
        BridgeConfig config = MediaSettings.of(Optional.empty(), Optional.empty(), Optional.empty(),
                () -> addresses("127.0.0.1", "::1", "fe80::1"));

        assertEquals(addresses("127.0.0.1"), config.advertisedAddresses());
    }

    @Test
    void advertisedAddressesAreTakenAsListedWithoutDuplicates() {
        BridgeConfig config = MediaSettings.of(Optional.empty(), Optional.of("3478"),
                Optional.of(" 10.1.2.3, 10.1.2.4,10.1.2.3, "), UNASKED);

        assertEquals(addresses("10.1.2.3", "10.1.2.4"), config.advertisedAddresses());
    }

    @Test
    void ipv6LiteralsWithOrWithoutBrackets() {
        BridgeConfig config = MediaSettings.of(Optional.of("[::]"), Optional.empty(),
                Optional.of("[2001:db8::1], 2001:db8::2, 10.0.0.1"), UNASKED);

        assertEquals(new InetSocketAddress(ip("::"), 10000), config.bindAddress());
        assertEquals(addresses("2001:db8::1", "2001:db8::2", "10.0.0.1"), config.advertisedAddresses());
    }

    @Test
    void aBadPortIsRefusedWithTheProperty() {
        for (String bad : new String[] {"0", "65536", "-1", "ten thousand", "10000.5", "0x2710"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> MediaSettings.of(Optional.empty(), Optional.of(bad), Optional.empty(), HOST), bad);
            assertTrue(refused.getMessage().startsWith("consilium.media.port must be a UDP port number from 1 to 65535"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("\"" + bad + "\""), refused.getMessage());
        }
    }

    @Test
    void anAddressThatIsNoIpLiteralIsRefusedWithTheProperty() {
        // Names included: a name would need DNS at startup (and resolving one here could take its time).
        for (String bad : new String[] {"bridge.hospital.example", "256.1.1.1", "10.0.0", "10.0.0.1.2", "g::1", "[::1",
                "1.2.3.4:10000", "localhost"}) {
            IllegalArgumentException bind = assertThrows(IllegalArgumentException.class,
                    () -> MediaSettings.of(Optional.of(bad), Optional.empty(), Optional.empty(), HOST), bad);
            assertTrue(bind.getMessage().startsWith("consilium.media.bind-address must be an IP address"), bind.getMessage());
            assertTrue(bind.getMessage().contains("\"" + bad + "\""), bind.getMessage());

            IllegalArgumentException advertised = assertThrows(IllegalArgumentException.class,
                    () -> MediaSettings.of(Optional.empty(), Optional.empty(), Optional.of("10.0.0.1," + bad), HOST), bad);
            assertTrue(advertised.getMessage().startsWith("consilium.media.advertised-addresses must be an IP address"),
                    advertised.getMessage());
        }
    }

    @Test
    void advertisingTheWildcardOrMulticastIsRefused() {
        for (String bad : new String[] {"0.0.0.0", "::", "224.0.0.1"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> MediaSettings.of(Optional.of("::"), Optional.empty(), Optional.of(bad), HOST), bad);
            assertTrue(refused.getMessage().startsWith("consilium.media.advertised-addresses must list addresses browsers can send to"),
                    refused.getMessage());
        }
    }

    @Test
    void anAdvertisedAddressThePortCannotReceiveOnIsRefused() {
        IllegalArgumentException ipv6OnIpv4 = assertThrows(IllegalArgumentException.class,
                () -> MediaSettings.of(Optional.of("0.0.0.0"), Optional.empty(), Optional.of("2001:db8::1"), HOST));
        assertEquals("consilium.media.advertised-addresses: 2001:db8:0:0:0:0:0:1 is IPv6, but the port bound to "
                + "consilium.media.bind-address=0.0.0.0 receives IPv4 only", ipv6OnIpv4.getMessage());

        IllegalArgumentException ipv4OnIpv6 = assertThrows(IllegalArgumentException.class,
                () -> MediaSettings.of(Optional.of("2001:db8::5"), Optional.empty(), Optional.of("10.0.0.1"), HOST));
        assertTrue(ipv4OnIpv6.getMessage().contains("10.0.0.1 is IPv4"), ipv4OnIpv6.getMessage());
    }

    @Test
    void aListOfOnlyCommasIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MediaSettings.of(Optional.empty(), Optional.empty(), Optional.of(" , ,"), HOST));
        assertTrue(refused.getMessage().startsWith("consilium.media.advertised-addresses lists no address"),
                refused.getMessage());
    }

    @Test
    void theDescriptionTellsOperatorsWhatTheFirewallMustOpen() {
        BridgeConfig config = MediaSettings.of(Optional.of("::"), Optional.of("10000"), Optional.of("10.1.2.3,2001:db8::1"),
                UNASKED);

        assertEquals("UDP [0:0:0:0:0:0:0:0]:10000, advertised to browsers as 10.1.2.3, 2001:db8:0:0:0:0:0:1",
                MediaSettings.describe(config));
    }

    @Test
    void aTcpPortAddsTheTcpMediaPortOnTheSameAddressAndUnsetBlankOrZeroLeaveItOff() {
        BridgeConfig udp = MediaSettings.of(Optional.of("10.1.2.3"), Optional.of("10000"), Optional.empty(), UNASKED);

        BridgeConfig both = MediaSettings.withTcpPort(udp, Optional.of(" 4443 "));

        assertEquals(new InetSocketAddress(ip("10.1.2.3"), 4443), both.tcpBindAddress());
        assertEquals(udp.bindAddress(), both.bindAddress());
        assertEquals("UDP 10.1.2.3:10000, TCP 10.1.2.3:4443, advertised to browsers as 10.1.2.3", MediaSettings.describe(both));
        for (Optional<String> off : List.of(Optional.<String>empty(), Optional.of(""), Optional.of(" "), Optional.of("0"))) {
            assertEquals(udp, MediaSettings.withTcpPort(udp, off), off.toString());
        }
    }

    @Test
    void aBadTcpPortIsRefusedWithTheProperty() {
        BridgeConfig udp = MediaSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), HOST);
        for (String bad : new String[] {"65536", "-1", "https", "4443.0", "0x115b"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> MediaSettings.withTcpPort(udp, Optional.of(bad)), bad);
            assertTrue(refused.getMessage().startsWith("consilium.media.tcp-port must be a TCP port number from 1 to 65535"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("\"" + bad + "\""), refused.getMessage());
        }
    }

    @Test
    void thisHostsAddressesCanBeListed() {
        assertTrue(MediaSettings.hostAddresses().stream().anyMatch(InetAddress::isLoopbackAddress),
                "loopback is up on any host that runs tests");
    }

    private static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(MediaSettingsTest::ip).toList();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theClustersSharedAddressIsNeverOfferedForMediaItMovesBetweenAppliances() throws Exception {
        List<InetAddress> host = List.of(InetAddress.getByName("10.0.0.11"),
                InetAddress.getByName("10.0.0.10"));
        assertEquals(List.of(InetAddress.getByName("10.0.0.11")),
                MediaSettings.exceptShared(host, Optional.of("10.0.0.10")));
        assertEquals(host, MediaSettings.exceptShared(host, Optional.empty()));
        assertEquals(host, MediaSettings.exceptShared(host, Optional.of(" ")));
    }
}
