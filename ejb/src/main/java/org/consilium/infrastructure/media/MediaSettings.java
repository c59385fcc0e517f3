package org.consilium.infrastructure.media;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.consilium.videobridge.BridgeConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The bridge's settings, from system properties read through MicroProfile Config:
 * <ul>
 * <li>{@value #PORT} (default {@value #DEFAULT_PORT}): the one UDP port of all media, the
 * port the hospital's firewall (the appliance's nftables) opens;</li>
 * <li>{@value #BIND_ADDRESS} (default {@value #DEFAULT_BIND_ADDRESS}, every IPv4 address;
 * {@code ::} for IPv4 and IPv6): where that port is bound, an IP address;</li>
 * <li>{@value #ADVERTISED_ADDRESSES}: the comma-separated IP addresses browsers are told to
 * send media to (the ICE host candidates). Default: the bind address if it is a specific
 * one; for a wildcard, every address of this host that is up and neither loopback nor
 * link-local (of the wildcard's family; IPv4 before IPv6), or loopback if there is none.</li>
 * <li>{@value #TCP_PORT} (default none): a TCP port on the same bind address for browsers
 * whose network blocks UDP (ICE-TCP, RFC 6544: offered to every browser as a passive
 * candidate ranked below the UDP one, so it is used only when UDP fails). Unset, blank or 0:
 * UDP only. The appliance's {@code media_tcp_port} sets it and opens it in the firewall.</li>
 * </ul>
 * Addresses must be literal: a name would need DNS at startup, and the bridge never
 * discovers a public address (nothing leaves the hospital network). A value that cannot
 * be used fails the deployment with a message that names the property
 * ({@link MediaSettingsValidation}).
 */
final class MediaSettings {

    static final String PORT = "consilium.media.port";
    static final String BIND_ADDRESS = "consilium.media.bind-address";
    static final String ADVERTISED_ADDRESSES = "consilium.media.advertised-addresses";
    /** The cluster's shared address, never offered for media (consilium-apply writes it from {@code cluster_vip}). */
    static final String CLUSTER_VIP = "consilium.cluster.vip";
    static final String TCP_PORT = "consilium.media.tcp-port";
    static final int DEFAULT_PORT = 10000;
    static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private MediaSettings() {
    }

    /** The configuration this deployment module sees (system properties among its sources). */
    static Config config() {
        return ConfigProvider.getConfig(MediaSettings.class.getClassLoader());
    }

    static BridgeConfig from(Config config) {
        Optional<String> shared = config.getOptionalValue(CLUSTER_VIP, String.class);
        return withTcpPort(of(config.getOptionalValue(BIND_ADDRESS, String.class),
                config.getOptionalValue(PORT, String.class),
                config.getOptionalValue(ADVERTISED_ADDRESSES, String.class),
                () -> exceptShared(hostAddresses(), shared)), config.getOptionalValue(TCP_PORT, String.class));
    }

    /**
     * This host's addresses without the cluster's shared address (docs/install.md, "One
     * address for the cluster"): it moves between appliances, and a bridge that offered it to
     * browsers would find its media going to whichever appliance holds it next.
     */
    static List<InetAddress> exceptShared(List<InetAddress> addresses, Optional<String> shared) {
        Optional<InetAddress> vip = shared.filter(value -> !value.isBlank()).map(value -> address(CLUSTER_VIP, value));
        return addresses.stream().filter(address -> vip.map(v -> !v.equals(address)).orElse(true)).toList();
    }

    /**
     * The UDP settings plus the TCP media port, if {@value #TCP_PORT} names one.
     *
     * @throws IllegalArgumentException naming the property when it is no port number
     */
    static BridgeConfig withTcpPort(BridgeConfig udp, Optional<String> tcpPort) {
        String value = tcpPort.map(String::strip).orElse("");
        if (value.isEmpty() || value.equals("0")) {
            return udp;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return udp.withTcpPort(port);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException(TCP_PORT + " must be a TCP port number from 1 to 65535 (the media port "
                + "for networks that block UDP; unset or 0 for none), not \"" + tcpPort.orElse("") + "\"");
    }

    /**
     * @param hostAddresses this host's addresses, asked only when the advertised addresses
     *                      are to be derived from a wildcard bind address
     * @throws IllegalArgumentException naming the property whose value cannot be used
     */
    static BridgeConfig of(Optional<String> bindAddress, Optional<String> port, Optional<String> advertisedAddresses,
                           Supplier<List<InetAddress>> hostAddresses) {
        InetAddress bind = address(BIND_ADDRESS, bindAddress.filter(value -> !value.isBlank()).orElse(DEFAULT_BIND_ADDRESS));
        int portNumber = port(port.filter(value -> !value.isBlank()).orElse(Integer.toString(DEFAULT_PORT)));
        List<InetAddress> advertised = advertisedAddresses.filter(value -> !value.isBlank())
                .map(list -> advertised(list, bind))
                .orElseGet(() -> derived(bind, hostAddresses));
        return new BridgeConfig(new InetSocketAddress(bind, portNumber), advertised);
    }

    static int port(String text) {
        String value = text.strip();
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException(PORT + " must be a UDP port number from 1 to 65535 (the port the "
                + "firewall opens for media), not \"" + text + "\"");
    }

    /** An IPv4 or IPv6 address literal (IPv6 with or without brackets); never a name, never DNS. */
    static InetAddress address(String property, String text) {
        String value = text.strip();
        try {
            Matcher ipv4 = IPV4.matcher(value);
            if (ipv4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(ipv4.group(i + 1));
                    if (part > 255) {
                        throw new UnknownHostException(value);
                    }
                    bytes[i] = (byte) part;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (value.contains(":")) {
                String bare = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
                // In brackets, InetAddress parses a literal and never asks DNS, even when it is no valid one.
                return InetAddress.getByName("[" + bare + "]");
            }
        } catch (UnknownHostException | IllegalArgumentException unparseable) {
            // refused below
        }
        throw new IllegalArgumentException(property + " must be an IP address (such as 10.20.30.40 or 2001:db8::1), "
                + "not \"" + text + "\"");
    }

    private static List<InetAddress> advertised(String list, InetAddress bind) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            InetAddress address = address(ADVERTISED_ADDRESSES, entry);
            if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw new IllegalArgumentException(ADVERTISED_ADDRESSES + " must list addresses browsers can send to, "
                        + "not the wildcard or a multicast address: \"" + entry.strip() + "\"");
            }
            if (!reachableThrough(bind, address)) {
                throw new IllegalArgumentException(ADVERTISED_ADDRESSES + ": " + address.getHostAddress()
                        + " is " + family(address) + ", but the port bound to " + BIND_ADDRESS + "="
                        + bind.getHostAddress() + " receives " + family(bind) + " only");
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException(ADVERTISED_ADDRESSES + " lists no address: \"" + list + "\"");
        }
        return List.copyOf(addresses);
    }

    /** IPv6's wildcard receives both families; anything else only its own. */
    private static boolean reachableThrough(InetAddress bind, InetAddress address) {
        return bind instanceof Inet6Address && bind.isAnyLocalAddress() || bind.getClass() == address.getClass();
    }

    /** The bind address if specific; for a wildcard, the host's usable addresses of its family, else loopback. */
    private static List<InetAddress> derived(InetAddress bind, Supplier<List<InetAddress>> hostAddresses) {
        if (!bind.isAnyLocalAddress()) {
            return List.of(bind);
        }
        List<InetAddress> usable = hostAddresses.get().stream()
                .filter(address -> reachableThrough(bind, address))
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                        && !address.isAnyLocalAddress() && !address.isMulticastAddress())
                .distinct()
                .sorted(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1)) // stable
                .toList();
        return usable.isEmpty() ? List.of(loopbackLike(bind)) : usable;
    }

    private static InetAddress loopbackLike(InetAddress bind) {
        try {
            return bind instanceof Inet6Address ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException literal) {
            throw new IllegalStateException(literal);
        }
    }

    /** The addresses of this host's interfaces that are up. */
    static List<InetAddress> hostAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    addresses.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException unreadable) {
            throw new IllegalStateException("cannot list this host's addresses to derive " + ADVERTISED_ADDRESSES
                    + " (set it explicitly): " + unreadable.getMessage(), unreadable);
        }
        return addresses;
    }

    /** For operators: "UDP 0.0.0.0:10000, TCP 0.0.0.0:4443, advertised as 10.1.2.3, 10.1.2.4". */
    static String describe(BridgeConfig config) {
        return "UDP " + hostAndPort(config.bindAddress())
                + config.tcp().map(tcp -> ", TCP " + hostAndPort(tcp)).orElse("")
                + ", advertised to browsers as "
                + config.advertisedAddresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }

    static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String family(InetAddress address) {
        return address instanceof Inet4Address ? "IPv4" : "IPv6";
    }
}
