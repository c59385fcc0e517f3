package org.consilium.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A class the scripts switch on and off as a state ({@code classList.toggle('video-off', …)})
 * must be styled only together with what it modifies ({@code .tile.video-off}). Styled alone,
 * the rule meant for another element with the same class name applies to the state too: a
 * tile with its camera off once took the preview overlay's {@code position: absolute; inset: 0}
 * and covered the whole call, controls and chat included.
 */
class StateClassesTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Pattern TOGGLED = Pattern.compile("classList\\.(?:toggle|add|remove)\\(\\s*'([\\w-]+)'");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{[^{}]*}");
    private static final Pattern COMBINATOR = Pattern.compile("\\s*[>+~]\\s*|\\s+");
    private static final Pattern PSEUDO = Pattern.compile("::?[\\w-]+(\\([^)]*\\))?");

    @Test
    void everyStateClassIsStyledOnlyOnWhatItModifies() throws IOException {
        Set<String> states = toggledClasses();
        assertTrue(states.containsAll(Set.of("video-off", "speaking", "muted", "mirrored")),
                "the scripts' state classes were not found: " + states);
        List<String> alone = new ArrayList<>();
        for (Path css : files(".css")) {
            for (String selector : selectors(Files.readString(css))) {
                for (String compound : COMBINATOR.split(selector.strip())) {
                    for (String state : states) {
                        if (standsAlone(compound, state)) {
                            alone.add(WEBAPP.relativize(css) + ": " + selector.strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), alone, "state classes styled on their own; qualify them (.tile.video-off, video.mirrored)");
    }

    @Test
    void aStateAloneIsFoundAndAQualifiedOneIsNot() {
        assertTrue(standsAlone(".video-off", "video-off"));
        assertTrue(standsAlone(".video-off:hover", "video-off"));
        assertTrue(!standsAlone(".tile.video-off", "video-off"));
        assertTrue(!standsAlone("video.mirrored", "mirrored"));
        assertTrue(!standsAlone(".video-off-label", "video-off"));
        assertEquals(List.of(".a .video-off", "li.b"), selectors("/* .video-off { } */ .a .video-off { x: 1 }\nli.b{}"));
    }

    /** True if {@code compound} (one element's part of a selector) names the state class and nothing else. */
    static boolean standsAlone(String compound, String state) {
        Matcher named = Pattern.compile("\\." + Pattern.quote(state) + "(?![\\w-])").matcher(compound);
        if (!named.find()) {
            return false;
        }
        String rest = PSEUDO.matcher(named.replaceAll("")).replaceAll("");
        return rest.isBlank() || rest.equals("*");
    }

    static List<String> selectors(String stylesheet) {
        String css = stylesheet.replaceAll("(?s)/\\*.*?\\*/", "");
        List<String> found = new ArrayList<>();
        Matcher rule = RULE.matcher(css);
        while (rule.find()) {
            for (String selector : rule.group(1).split(",")) {
                found.add(selector.strip());
            }
        }
        return found;
    }

    private static Set<String> toggledClasses() throws IOException {
        Set<String> states = new TreeSet<>();
        for (Path script : files(".js")) {
            Matcher toggle = TOGGLED.matcher(Files.readString(script));
            while (toggle.find()) {
                states.add(toggle.group(1));
            }
        }
        return states;
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(WEBAPP)) {
            return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
