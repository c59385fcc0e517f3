package org.consilium.server.directory;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.core.factory.PartitionFactory;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;

/** An Apache Directory Server on 127.0.0.1 holding the demo hospital's people and groups. */
public final class DemoDirectory implements AutoCloseable {

    public static final int DEFAULT_PORT = 10389;
    static final String SUFFIX = "dc=consilium,dc=test";
    private static final String LDIF = "/demo-directory.ldif";

    private final DirectoryService service;
    private final int port;
    private LdapServer listener;

    private DemoDirectory(DirectoryService service, int port) {
        this.service = service;
        this.port = port;
    }

    /** Creates the directory (a fresh work folder under java.io.tmpdir) and starts listening. */
    public static DemoDirectory start(int port) throws Exception {
        DefaultDirectoryServiceFactory factory = new DefaultDirectoryServiceFactory();
        factory.init("consilium-demo-" + port);
        DirectoryService service = factory.getDirectoryService();
        service.getChangeLog().setEnabled(false);
        service.setAllowAnonymousAccess(true); // root DSE reads for health probes; data needs a bind
        PartitionFactory partitions = factory.getPartitionFactory();
        Partition partition = partitions.createPartition(service.getSchemaManager(), service.getDnFactory(),
                "consilium", SUFFIX, 1000,
                new java.io.File(service.getInstanceLayout().getPartitionsDirectory(), "consilium"));
        service.addPartition(partition);
        load(service);
        DemoDirectory directory = new DemoDirectory(service, port);
        directory.listen();
        return directory;
    }

    private static void load(DirectoryService service) throws Exception {
        try (InputStream ldif = DemoDirectory.class.getResourceAsStream(LDIF);
             LdifReader reader = new LdifReader(ldif)) {
            for (LdifEntry entry : reader) {
                service.getAdminSession().add(new DefaultEntry(service.getSchemaManager(), entry.getEntry()));
            }
        }
    }

    /** Starts (or restarts) accepting LDAP connections; the data stays as it was. */
    public synchronized void listen() throws Exception {
        if (listener != null && listener.isStarted()) {
            return;
        }
        listener = new LdapServer();
        listener.setDirectoryService(service);
        listener.setTransports(new TcpTransport("127.0.0.1", port));
        listener.start();
    }

    /** Stops accepting LDAP connections, as a directory outage would look to the server. */
    public synchronized void stopListening() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    /**
     * Puts a certificate into a person's entry (userCertificate), as an AD-integrated PKI
     * publishes a smart card's; {@code null} takes it out again.
     */
    public void setUserCertificate(String uid, byte[] der) throws Exception {
        Dn person = new Dn(service.getSchemaManager(), "uid=" + uid + ",ou=people," + SUFFIX);
        service.getAdminSession().modify(person, der == null
                ? new DefaultModification(ModificationOperation.REMOVE_ATTRIBUTE, "userCertificate")
                : new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, "userCertificate", der));
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() throws Exception {
        stopListening();
        service.shutdown();
    }

    /** For the run command: serve the demo directory until the process is stopped. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        DemoDirectory directory = start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                directory.close();
            } catch (Exception ignored) {
                // the process is ending anyway
            } finally {
                stopped.countDown();
            }
        }, "demo-directory-shutdown"));
        System.out.println("Demo directory listening on " + directory.url());
        stopped.await();
    }
}
