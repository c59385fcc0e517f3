package org.consilium.web.signaling;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.RuntimeCommand;

/**
 * Commands to one node about one connection, each sent once the one before has been carried
 * out there: WildFly's dispatcher sends out of band, with no order between commands, and a
 * call's messages must keep theirs (an offer before its constraints, a join before the answer).
 * Never blocks the caller: a call sends under its lock.
 */
final class OrderedSends {

    private final CommandDispatcher<GroupMember, CallRouter> dispatcher;
    private final GroupMember to;
    private final Executor executor;
    private final Consumer<Throwable> failed;
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

    /** @param failed told of each command that could not be carried out (the node left, or refused it) */
    OrderedSends(CommandDispatcher<GroupMember, CallRouter> dispatcher, GroupMember to, Executor executor,
                 Consumer<Throwable> failed) {
        this.dispatcher = dispatcher;
        this.to = to;
        this.executor = executor;
        this.failed = failed;
    }

    GroupMember to() {
        return to;
    }

    synchronized void send(RuntimeCommand<?, CallRouter> command) {
        last = last.thenComposeAsync(before -> dispatch(command), executor).exceptionally(failure -> {
            failed.accept(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failure);
            return null;
        });
    }

    private CompletableFuture<?> dispatch(RuntimeCommand<?, CallRouter> command) {
        try {
            return dispatcher.dispatchToMember(command, to).toCompletableFuture();
        } catch (IOException notSent) {
            return CompletableFuture.failedFuture(notSent);
        }
    }
}
