package org.consilium.server.support;

import org.consilium.server.directory.DemoDirectory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the demo directory once for the whole test run, in the test JVM, so a test can
 * take it down and bring it back. It stops when the JVM does.
 */
public final class SharedDemoDirectory implements BeforeAllCallback {

    private static DemoDirectory directory;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        get();
    }

    public static synchronized DemoDirectory get() throws Exception {
        if (directory == null) {
            directory = DemoDirectory.start(Ports.LDAP);
            DemoDirectory started = directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // JVM is ending
                }
            }));
        }
        return directory;
    }
}
