package org.consilium.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's one address as the tests see it: a TCP relay on a loopback address of its own
 * that passes each new connection to whichever node holds the address now, as the floating
 * address (keepalived) does on the appliances.
 */
public final class SharedAddress implements AutoCloseable {

    private final ServerSocket listening;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress holder;

    private SharedAddress(ServerSocket listening, InetSocketAddress holder) {
        this.listening = listening;
        this.holder = holder;
    }

    /** Listens on {@code address}:{@link Ports#HTTPS}, passing connections to {@code holder}. */
    public static SharedAddress on(String address, InetSocketAddress holder) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), Ports.HTTPS));
        SharedAddress shared = new SharedAddress(socket, holder);
        Thread accepting = new Thread(shared::accept, "shared address " + address);
        accepting.setDaemon(true);
        accepting.start();
        return shared;
    }

    /** The base URL a browser uses. */
    public String url() {
        return "https://" + listening.getInetAddress().getHostAddress() + ":" + listening.getLocalPort();
    }

    /**
     * The address moves to {@code node}: new connections go there, and the open ones end (the
     * new holder knows nothing of them: to a browser, they break).
     */
    public void moveTo(InetSocketAddress node) {
        holder = node;
        open.forEach(SharedAddress::closeQuietly);
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Thread relay = new Thread(() -> relay(client), "shared address relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket node = new Socket()) {
            node.connect(holder, 2000);
            open.add(client);
            open.add(node);
            Thread back = new Thread(() -> pipe(node, client), "shared address relay back");
            back.setDaemon(true);
            back.start();
            pipe(client, node);
            back.join();
        } catch (IOException | InterruptedException gone) {
            // the node is down or the browser went: the connection ends, as through a real address
        } finally {
            open.remove(client);
        }
    }

    /** Copies until either side ends, then ends both (a node's death reaches the browser at once). */
    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
            }
        } catch (IOException ended) {
            // one side closed or reset
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        open.forEach(SharedAddress::closeQuietly);
    }
}
