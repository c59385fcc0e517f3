package org.consilium.server.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.ServerReload;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first start on an empty database is quiet: the server is pointed at a database made
 * empty for this test and reloaded, so the application starts exactly as on a new appliance
 * (Flyway creates the whole schema), and the server log of that start holds no warning or
 * error with a stack trace. (Startup beans that read a table before the migrations had made
 * it once logged two: {@code appliance_settings} and {@code role_mapping}.) Afterwards the
 * server goes back to the suite's database.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class FirstStartIT {

    private static final String EMPTY_DATABASE = "consilium_first_start";
    private static final ModelNode DATASOURCE = Operations.createAddress("subsystem", "datasources",
            "data-source", "ConsiliumDS");
    private static final Path SERVER_LOG = Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log");
    /** A log record's first line: "2026-12-06 13:36:00,527 WARN  [logger] (thread) message". */
    private static final Pattern RECORD = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} (\\w+)\\s+\\[");
    private static final Pattern STARTED = Pattern.compile("WFLYSRV002[56]: .*"); // to the end of that line
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Pattern MIGRATED = Pattern.compile("Database schema at version \\S+ \\((\\d+) migrations applied now\\)");

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void theFirstStartOnAnEmptyDatabaseLogsNoWarningOrErrorWithAStackTrace() throws Exception {
        ModelNode suiteUrl = readConnectionUrl();
        try (Connection postgres = superuser(); Statement sql = postgres.createStatement()) {
            sql.execute("drop database if exists " + EMPTY_DATABASE + " with (force)");
            sql.execute("create database " + EMPTY_DATABASE + " owner consilium");
        }
        String firstStart;
        try {
            writeConnectionUrl(new ModelNode(TestDatabase.URL.replace("/consilium_it", "/" + EMPTY_DATABASE)));
            long before = Files.size(SERVER_LOG);
            try {
                ServerReload.execute(management, Operations.createOperation("reload"));
            } catch (IOException answerLostInTheReload) {
                // the reload may drop the management connection before its answer arrives
            }
            // Waits on the log, not on /health/ready: WildFly's health reporter can fail a probe
            // made while deployments register their checks (ConcurrentModificationException,
            // logged as an ERROR with a stack trace), which would be this test's own noise.
            firstStart = Poll.until(BOOT, () -> startIn(logSince(before)), start -> start != null,
                    "the server started again (WFLYSRV0025 after WFLYSRV0049 in " + SERVER_LOG + ")");
        } finally {
            writeConnectionUrl(suiteUrl);
            ServerReload.reload(management);
            try (Connection postgres = superuser(); Statement sql = postgres.createStatement()) {
                sql.execute("drop database if exists " + EMPTY_DATABASE + " with (force)");
            }
        }

        assertTrue(firstStart.contains("WFLYSRV0025"), "started without errors:\n" + firstStart);
        Matcher migrated = MIGRATED.matcher(firstStart);
        assertTrue(migrated.find() && Integer.parseInt(migrated.group(1)) > 0,
                "the application migrated an empty database in this start:\n" + firstStart);
        assertEquals(List.of(), warningsWithStackTraces(firstStart), "the first start's log");
    }

    /**
     * The reload's start in {@code log}: from "WildFly … starting" (WFLYSRV0049, after the stop)
     * to "started" (WFLYSRV0025, or WFLYSRV0026 with errors), the deployment included; null
     * while the server has not finished starting.
     */
    static String startIn(String log) {
        int starting = log.indexOf("WFLYSRV0049");
        if (starting < 0) {
            return null;
        }
        Matcher started = STARTED.matcher(log);
        if (!started.find(starting)) {
            return null;
        }
        return log.substring(log.lastIndexOf('\n', starting) + 1, started.end());
    }

    /**
     * Each warning or error (WildFly's WARN and ERROR, the application's java.util.logging
     * WARNING and SEVERE) that carries a stack trace or names a missing table, as its first lines.
     */
    static List<String> warningsWithStackTraces(String log) {
        List<String> found = new ArrayList<>();
        List<String> record = new ArrayList<>();
        for (String line : (log + "\n2000-01-01 00:00:00,000 INFO  [end]").split("\n")) {
            if (RECORD.matcher(line).find()) {
                if (!record.isEmpty() && serious(record)) {
                    found.add(String.join("\n", record.subList(0, Math.min(4, record.size()))));
                }
                record.clear();
            }
            record.add(line);
        }
        return found;
    }

    private static boolean serious(List<String> record) {
        Matcher first = RECORD.matcher(record.get(0));
        if (!first.find() || !List.of("WARN", "WARNING", "ERROR", "SEVERE", "FATAL").contains(first.group(1))) {
            return false;
        }
        boolean stackTrace = record.stream().skip(1).anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:"));
        boolean missingTable = String.join("\n", record).matches("(?s).*relation \"[^\"]+\" does not exist.*");
        return stackTrace || missingTable;
    }

    private static Connection superuser() throws Exception {
        return DriverManager.getConnection(TestDatabase.URL.replace("/consilium_it", "/postgres"), "postgres", "");
    }

    private ModelNode readConnectionUrl() throws IOException {
        ModelNode read = Operations.createReadAttributeOperation(DATASOURCE, "connection-url");
        read.get("resolve-expressions").set(false);
        return ServerReload.execute(management, read);
    }

    private void writeConnectionUrl(ModelNode url) throws IOException {
        ServerReload.execute(management, Operations.createWriteAttributeOperation(DATASOURCE, "connection-url", url));
    }

    private static String logSince(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(SERVER_LOG.toFile(), "r")) {
            file.seek(offset);
            byte[] appended = new byte[(int) (file.length() - offset)];
            file.readFully(appended);
            return new String(appended, StandardCharsets.UTF_8);
        }
    }
}
