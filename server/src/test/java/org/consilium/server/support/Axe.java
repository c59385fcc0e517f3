package org.consilium.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core (from npm, pinned in src/test/axe, put in target/axe by the build), run in a
 * page through WebDriver, which the page's Content-Security-Policy does not govern.
 */
public final class Axe {

    public static final Path SCRIPT = Path.of(System.getProperty("consilium.it.axe",
            "target/axe/node_modules/axe-core/axe.min.js"));

    private Axe() {
    }

    public static boolean installed() {
        return Files.isRegularFile(SCRIPT);
    }

    /** The page's violations as it is now, each "impact id: help at selectors". */
    public static List<String> violations(JavascriptExecutor browser) {
        try {
            browser.executeScript(Files.readString(SCRIPT, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations
                      .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                           + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['critical axe-failed: ' + e]));
                """);
        List<String> found = new ArrayList<>();
        if (result instanceof List<?> list) {
            list.forEach(violation -> found.add(String.valueOf(violation)));
        } else {
            found.add("critical axe-returned: " + result);
        }
        return found;
    }

    /** Only the serious and critical ones: what the accessibility checks fail on. */
    public static List<String> serious(List<String> violations) {
        return violations.stream().filter(v -> v.startsWith("serious ") || v.startsWith("critical ")).toList();
    }
}
