package org.consilium.server.admin;

import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Editing the group-to-role mapping on the console's Directory page (issue 8): Pat Doe is
 * only in "Radiology Staff", which the configured mapping leaves out, so she cannot sign in.
 * An administrator maps that group (typed in another case) to clinician: her next sign-in
 * works, without a restart; the change is audited with the mapping before and after; going
 * back to the configured mapping shuts her out again. A mapping that would leave nobody, or
 * the administrator themself, without admin is refused; so is a form made from an outdated
 * mapping. The configured mapping is restored after each test.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsoleRoleMappingIT {

    static final String PAGE = "/admin/directory.xhtml";
    /** How long another node (here: the same node, from a change made in the database) takes to follow. */
    static final Duration SYNC = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void noSecondFactors() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);
    }

    @AfterEach
    void configuredMappingAgain() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            if (db.createStatement().executeUpdate("update role_mapping set mapping = null where mapping is not null") > 0) {
                Poll.until(SYNC, AdminConsoleRoleMappingIT::patSignsIn, code -> code == 403,
                        "the server going back to the configured mapping");
            }
        }
    }

    static int patSignsIn() throws Exception {
        return new Browserless().postJson("/api/session",
                "{\"username\":\"pdoe\",\"password\":\"" + ConsoleUser.PASSWORD + "\"}").statusCode();
    }

    @Test
    void anAdminMapsAGroupWhichGrantsItsRoleAtTheNextSignInAndIsAudited() throws Exception {
        assertEquals(403, patSignsIn(), "Radiology Staff is not mapped at first");
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        assertEquals(200, page.statusCode());
        List<Line> lines = Line.all(page.body());
        assertEquals(List.of("Consilium Administrators: admin", "Consilium Auditors: auditor",
                "Consilium Clinicians: clinician", ": ", ": ", ": "), lines.stream().map(Line::toString).toList());
        assertTrue(text(page.body(), "mapping-source").startsWith("This is the configured mapping"));
        assertFalse(page.body().contains("mapping:restore"), "nothing to go back to yet");
        long sequence = TestDatabase.lastAuditSequence();

        lines.get(3).group = "radiology STAFF";
        lines.get(3).roles.add("clinician");
        HttpResponse<String> saved = save(sam, page.body(), lines);
        assertEquals("Saved. People get the roles of this mapping at their next sign-in.",
                text(saved.body(), "mapping-done"), saved.body());
        assertTrue(text(saved.body(), "mapping-source").startsWith("This mapping was set in the console by "
                + AdminConsoleIT.ADMIN), saved.body());
        assertEquals("radiology STAFF: clinician", Line.all(saved.body()).get(3).toString());
        assertEquals(200, patSignsIn(), "in force at once, without a restart");

        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
        List<String> changes = events.stream().filter(e -> e.startsWith("role-mapping-changed")).toList();
        assertEquals(1, changes.size(), events::toString);
        assertTrue(changes.get(0).startsWith("role-mapping-changed " + AdminConsoleIT.ADMIN + " success role-mapping"),
                changes.get(0));
        assertTrue(changes.get(0).contains("\"before\":\"configured: Consilium Administrators=admin; "
                + "Consilium Auditors=auditor; Consilium Clinicians=clinician\""), changes.get(0));
        assertTrue(changes.get(0).contains("; radiology STAFF=clinician\""), changes.get(0));

        // Saving the same again changes nothing and records nothing.
        HttpResponse<String> again = save(sam, saved.body(), Line.all(saved.body()));
        assertEquals("Nothing was changed: this is the mapping in force.", text(again.body(), "mapping-done"));

        HttpResponse<String> restored = sam.postFaces(PAGE, again.body(), "mapping",
                Map.of("mapping:version", version(again.body())), "mapping:restore");
        assertTrue(text(restored.body(), "mapping-done").startsWith("The configured mapping is in force again"),
                restored.body());
        assertEquals(403, patSignsIn(), "shut out again at once");
        assertEquals(2, TestDatabase.auditAfter(sequence, "action").stream()
                .filter("role-mapping-changed"::equals).count());
    }

    @Test
    void mappingsThatLockAdministratorsOutOrTypoedLinesAreRefusedAndChangeNothing() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        long sequence = TestDatabase.lastAuditSequence();

        // Nobody would be an administrator.
        List<Line> noAdmin = Line.all(page.body());
        noAdmin.get(0).roles.clear();
        HttpResponse<String> refused = save(sam, page.body(), noAdmin);
        assertTrue(text(refused.body(), "mapping-invalid").startsWith("At least one group must grant admin"),
                refused.body());

        // Sam himself would not be: his only group is Consilium Administrators.
        List<Line> notSam = Line.all(refused.body());
        notSam.get(0).roles.clear();
        notSam.get(3).group = "Radiology Staff";
        notSam.get(3).roles.add("admin");
        HttpResponse<String> self = save(sam, refused.body(), notSam);
        assertTrue(text(self.body(), "mapping-invalid").startsWith("With this mapping you would no longer be an "
                + "administrator"), self.body());

        // Roles without a group, and a group listed twice.
        List<Line> typos = Line.all(self.body());
        assertEquals("Radiology Staff: admin", typos.get(3).toString(), "what was typed stays on the page");
        typos.get(0).roles.add("admin");
        typos.get(3).group = "";
        typos.get(3).roles.clear();
        typos.get(3).roles.add("auditor");
        typos.get(4).group = "CONSILIUM AUDITORS";
        typos.get(4).roles.add("clinician");
        HttpResponse<String> lines = save(sam, self.body(), typos);
        assertEquals("Nothing was changed: correct the lines marked below.", text(lines.body(), "mapping-invalid"));
        assertEquals("Give the name of the directory group that grants these roles.", text(lines.body(), "mapping-error-4"));
        assertTrue(text(lines.body(), "mapping-error-5").startsWith("This group is already on line 2"), lines.body());
        assertTrue(lines.body().contains("aria-describedby=\"mapping-error-5\""));

        // A form made before someone else's change is not applied over it.
        HttpResponse<String> fresh = sam.http.get(PAGE);
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update role_mapping set changed_at = now() where id = 1");
        }
        List<Line> late = Line.all(fresh.body());
        late.get(3).group = "Radiology Staff";
        late.get(3).roles.add("clinician");
        HttpResponse<String> stale = save(sam, fresh.body(), late);
        assertTrue(text(stale.body(), "mapping-invalid").startsWith("Another administrator changed the mapping"),
                stale.body());

        assertEquals(403, patSignsIn());
        assertFalse(TestDatabase.auditAfter(sequence, "action").contains("role-mapping-changed"));
        try (Connection db = TestDatabase.asServer();
             var row = db.createStatement().executeQuery("select mapping from role_mapping")) {
            assertTrue(row.next());
            assertEquals(null, row.getString(1));
        }
    }

    @Test
    void aMappingStoredByAnotherNodeIsFollowedWithinTheSyncInterval() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update role_mapping set mapping = 'Consilium Administrators\tadmin\n"
                    + "Radiology Staff\tclinician\n', changed_at = now(), changed_by = 'srivera' where id = 1");
        }
        Poll.until(SYNC, AdminConsoleRoleMappingIT::patSignsIn, code -> code == 200,
                "the server following the mapping stored by another node");
    }

    private static HttpResponse<String> save(ConsoleUser who, String html, List<Line> lines) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("mapping:version", version(html));
        for (Line line : lines) {
            fields.put(line.prefix + "group", line.group);
            for (String role : line.roles) {
                fields.put(line.prefix + role, "on");
            }
        }
        HttpResponse<String> response = who.postFaces(PAGE, html, "mapping", fields, "mapping:save");
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static String version(String html) {
        return ConsoleUser.attribute(html, "mapping:version", "value");
    }

    /** A line of the mapping form as the page shows it. */
    static final class Line {
        private static final Pattern GROUP = Pattern.compile(
                "<input id=\"(mapping:[^\"]*:)group\" type=\"text\" name=\"[^\"]*\" value=\"([^\"]*)\"");

        final String prefix;
        String group;
        final List<String> roles = new ArrayList<>();

        Line(String prefix, String group) {
            this.prefix = prefix;
            this.group = group;
        }

        static List<Line> all(String html) {
            List<Line> lines = new ArrayList<>();
            Matcher m = GROUP.matcher(html);
            while (m.find()) {
                Line line = new Line(m.group(1), ConsoleUser.unescape(m.group(2)));
                for (String role : List.of("clinician", "admin", "auditor")) {
                    if (Pattern.compile("<input id=\"" + Pattern.quote(line.prefix + role) + "\"[^>]*checked")
                            .matcher(html).find()) {
                        line.roles.add(role);
                    }
                }
                lines.add(line);
            }
            return lines;
        }

        @Override
        public String toString() {
            return group + ": " + String.join(", ", roles);
        }
    }
}
