package org.consilium.videobridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A bridge on loopback for each test ({@code @RegisterExtension}): started before the
 * test's own {@code @BeforeEach}, closed after it together with the synthetic browsers the
 * test handed to {@link #closeAfter}.
 */
public final class LoopbackBridge implements BeforeEachCallback, AfterEachCallback {

    private final List<SyntheticBrowser> browsers = new ArrayList<>();
    private final BridgeConfig config;
    private ExecutorService executor;
    private Videobridge bridge;

    /** UDP only. */
    public LoopbackBridge() {
        this(BridgeConfig.loopback());
    }

    private LoopbackBridge(BridgeConfig config) {
        this.config = config;
    }

    /** With a TCP media port on a free port too (ICE-TCP). */
    public static LoopbackBridge withTcp() {
        return new LoopbackBridge(BridgeConfig.loopback().withTcpPort(0));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        executor = Executors.newCachedThreadPool();
        bridge = Videobridge.start(config, executor);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        browsers.forEach(SyntheticBrowser::close);
        browsers.clear();
        bridge.close();
        executor.shutdownNow();
    }

    public Videobridge bridge() {
        return bridge;
    }

    /** The bridge's executor, for a test's own concurrent work. */
    public ExecutorService executor() {
        return executor;
    }

    public SyntheticBrowser closeAfter(SyntheticBrowser browser) {
        browsers.add(browser);
        return browser;
    }
}
