package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;

class OrderedSendsTest {

    private static final GroupMember OWNER = () -> "node-2";

    /** Hands commands out and completes them only when told: the network's pace. */
    private static final class Network implements CommandDispatcher<GroupMember, CallRouter> {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<Object>> pending = new ArrayList<>();

        @Override
        public CallRouter getContext() {
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R, E extends Exception> CompletionStage<R> dispatchToMember(Command<R, ? super CallRouter, E> command,
                                                                           GroupMember member) throws IOException {
            if (command instanceof RouterCommands.Message message && message.json.equals("unsendable")) {
                throw new IOException("not sent");
            }
            sent.add(((RouterCommands.Message) command).json);
            CompletableFuture<Object> done = new CompletableFuture<>();
            pending.add(done);
            return (CompletionStage<R>) done;
        }

        @Override
        public <R, E extends Exception> Map<GroupMember, CompletionStage<R>> dispatchToGroup(
                Command<R, ? super CallRouter, E> command, Set<GroupMember> excluding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eachCommandGoesOnlyOnceTheOneBeforeWasCarriedOut() {
        Network network = new Network();
        List<Throwable> failures = new ArrayList<>();
        OrderedSends sends = new OrderedSends(network, OWNER, Runnable::run, failures::add);

        sends.send(new RouterCommands.Message("l", "offer"));
        sends.send(new RouterCommands.Message("l", "constraints"));
        sends.send(new RouterCommands.Message("l", "mute"));
        assertEquals(List.of("offer"), network.sent, "the dispatcher sends out of band: one at a time");

        network.pending.get(0).complete(null);
        assertEquals(List.of("offer", "constraints"), network.sent);
        network.pending.get(1).complete(null);
        network.pending.get(2).complete(null);
        assertEquals(List.of("offer", "constraints", "mute"), network.sent);
        assertTrue(failures.isEmpty());
    }

    @Test
    void aFailureIsReportedAndTheCommandsAfterItStillGo() {
        Network network = new Network();
        List<Throwable> failures = new ArrayList<>();
        OrderedSends sends = new OrderedSends(network, OWNER, Runnable::run, failures::add);

        sends.send(new RouterCommands.Message("l", "offer"));
        sends.send(new RouterCommands.Message("l", "unsendable"));
        sends.send(new RouterCommands.Message("l", "mute"));
        network.pending.get(0).completeExceptionally(new IllegalStateException("no such connection here"));

        assertEquals(List.of("offer", "mute"), network.sent);
        assertEquals(2, failures.size());
        assertEquals("no such connection here", failures.get(0).getMessage(), "the cause, unwrapped");
        assertTrue(failures.get(1) instanceof IOException);
    }
}
