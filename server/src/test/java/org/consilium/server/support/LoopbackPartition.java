package org.consilium.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cut between the nodes of a cluster on loopback: nftables drops every TCP segment to or
 * from the cluster's ports (JGroups and its failure detection), as a failed link between two
 * appliances would. By port, not by address: JGroups does not bind the sockets it connects
 * from, so node 2's connection to node 1 runs from 127.0.0.1 to 127.0.0.1. Everything else
 * between the nodes (the database, the directory, the browsers' connections) goes on. Closing
 * it heals the cut.
 */
public final class LoopbackPartition implements AutoCloseable {

    private static final String TABLE = "consilium_it_partition";

    private LoopbackPartition() {
    }

    public static LoopbackPartition ofPorts(int... ports) throws Exception {
        String set = Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(", ", "{ ", " }"));
        nft(List.of("-f", "-"), "table inet " + TABLE + " {\n chain cut {\n"
                + "  type filter hook output priority 0; policy accept;\n"
                + "  oifname \"lo\" tcp dport " + set + " counter drop\n"
                + "  oifname \"lo\" tcp sport " + set + " counter drop\n"
                + " }\n}\n");
        return new LoopbackPartition();
    }

    /** Heals the cut. */
    @Override
    public void close() throws Exception {
        nft(List.of("delete", "table", "inet", TABLE), "");
    }

    private static void nft(List<String> arguments, String input) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("nft"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("nft " + arguments + " failed: " + output);
        }
    }
}
