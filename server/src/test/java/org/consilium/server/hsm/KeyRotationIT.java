package org.consilium.server.hsm;

import static org.consilium.server.admin.ConsoleUser.attribute;
import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The KEK rotation job end to end (issue 22, item 5) on the database's envelopes: two people's
 * second factors are sealed under the current KEK version; an administrator rotates on the Keys
 * page; the page shows the envelopes leaving the old version (the database's, and this node's
 * report) until none is left; destroying is refused for the current version and allowed for the
 * old one; the second factors still work afterwards, now under the new version, and the audit
 * trail has the rotation, the refusal and the destruction. The recording files' side of the job
 * is tested where a real envelope file can be written ({@code EnvelopeFileRewrapTest} in hsm).
 *
 * <p>Other appliances (written into the database, {@link OtherAppliances}: the test server is a
 * cluster of one): one decommissioned long ago with nothing on its volume is ignored; one that is
 * down with a recording on record holds the destruction up, named on the page, until it has
 * checked (its report written as its job writes one). The gate's every case is in
 * {@code KekRetirementTest}.
 *
 * <p>The test server's token is shared by every test run after this one: only the version this
 * test replaced is destroyed, once nothing is under it, never the current one.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class KeyRotationIT {

    private static final String ADMIN = "srivera";
    private static final String AUDITOR = "lchen";
    private static final String NODE = "node-1";
    private static final String KEYS = "/admin/keys.xhtml";
    private static final String DOWN = "node-7";
    private static final String DECOMMISSIONED = "node-9";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void rotateWatchTheEnvelopesMoveThenDestroyTheOldVersionAndTheSecondFactorsStillWork() throws Exception {
        try (OtherAppliances others = new OtherAppliances(NODE)) {
            rotateWatchAndDestroy(others);
        }
    }

    private void rotateWatchAndDestroy(OtherAppliances others) throws Exception {
        ConsoleUser.forgetSecondFactor(ADMIN);
        ConsoleUser.forgetSecondFactor(AUDITOR);
        ConsoleUser sam = new ConsoleUser(ADMIN).enrolled();   // sealed under the current version
        ConsoleUser lee = new ConsoleUser(AUDITOR).enrolled(); // another row of the database
        HttpResponse<String> page = sam.http.get(KEYS);
        assertEquals(200, page.statusCode());
        int before = Integer.parseInt(text(page.body(), "kek-current"));
        assertEquals(before, sealedVersion(ADMIN));
        assertEquals(before, sealedVersion(AUDITOR));
        assertTrue(Long.parseLong(text(page.body(), "kek-v" + before + "-database")) >= 2, page.body());
        assertTrue(text(page.body(), "kek-v" + before + "-state").startsWith("Current"), page.body());
        assertTrue(text(page.body(), "destroy-hint").contains("crypto-shreds everything still wrapped under it"));
        long sequence = TestDatabase.lastAuditSequence();

        HttpResponse<String> rotated = sam.postFaces(KEYS, page.body(), "rotate",
                Map.of("rotate:confirmation", "ROTATE"), "rotate:submit");
        assertEquals(200, rotated.statusCode());
        int after = before + 1;
        assertEquals(after, Integer.parseInt(text(rotated.body(), "kek-current")), rotated.body());

        // Appliances earlier test classes started and left recordings on record for would rightly
        // hold the destruction up; their temporary volumes are gone: they report an empty check.
        for (String leftBehind : others.holdingSomething()) {
            others.reported(leftBehind, after, 0, Instant.now());
        }
        others.reported(DECOMMISSIONED, before, 0, Instant.now().minus(Duration.ofDays(30)));
        others.recordingOn(DOWN);

        // The rotation started this node's rewrap pass: the page shows the old version emptying.
        String emptied = Poll.until(Duration.ofSeconds(60), () -> sam.http.get(KEYS).body(),
                html -> html.contains("id=\"kek-node-" + NODE + "-current\"")
                        && text(html, "kek-node-" + NODE + "-current").equals(String.valueOf(after))
                        && text(html, "kek-v" + before + "-database").equals("0")
                        && text(html, "kek-v" + before + "-node-" + NODE).equals("0"),
                "no envelope left under KEK v" + before + " on the Keys page");
        String downRefusal = "Appliance " + DOWN + " has never checked its envelopes, and the database lists 1 recording "
                + "on its volume that is not shredded. Start it (it checks 20 s after starting), or keep version "
                + before + ": destroying it now would make what is on that appliance's volume unreadable for good.";
        assertEquals(downRefusal, text(emptied, "kek-v" + before + "-state"), emptied);
        assertTrue(text(emptied, "destroy-state").startsWith("Nothing may be destroyed now."), emptied);
        assertTrue(attribute(emptied, "destroy:submit", "disabled").equals("disabled"), emptied);
        assertEquals("No: not in the cluster, and nothing on its volume on record.",
                text(emptied, "kek-node-" + DECOMMISSIONED + "-counts"), emptied);
        assertEquals("Yes: this appliance.", text(emptied, "kek-node-" + NODE + "-counts"), emptied);

        // node-7 is started again: its job checks its volume and reports its recording under the new version.
        others.reported(DOWN, after, 1, Instant.now());
        emptied = sam.http.get(KEYS).body();
        assertEquals("Nothing left under it: may be destroyed.", text(emptied, "kek-v" + before + "-state"), emptied);
        assertEquals("Yes: the database lists 1 recording on its volume that is not shredded.",
                text(emptied, "kek-node-" + DOWN + "-counts"), emptied);
        assertTrue(Long.parseLong(text(emptied, "kek-v" + after + "-database")) >= 2, emptied);
        assertTrue(text(emptied, "destroy-state").startsWith("Versions that may be destroyed now: "), emptied);
        assertTrue(List.of(text(emptied, "destroy-state").replaceAll("[^0-9,]", "").split(","))
                .contains(String.valueOf(before)), emptied);
        assertTrue(text(emptied, "kek-node-" + NODE + "-checked").endsWith("UTC"), emptied);
        assertEquals(after, sealedVersion(ADMIN), "rewrapped in the database");
        assertEquals(after, sealedVersion(AUDITOR), "rewrapped in the database");

        HttpResponse<String> unconfirmed = sam.postFaces(KEYS, emptied, "destroy",
                Map.of("destroy:version", String.valueOf(before), "destroy:confirmation", "destroy"), "destroy:submit");
        assertTrue(text(unconfirmed.body(), "destroy-error").startsWith("Type DESTROY"), unconfirmed.body());
        HttpResponse<String> currentRefused = sam.postFaces(KEYS, unconfirmed.body(), "destroy",
                Map.of("destroy:version", String.valueOf(after), "destroy:confirmation", "DESTROY"), "destroy:submit");
        assertTrue(text(currentRefused.body(), "destroy-error").startsWith("Version " + after
                + " is the current version"), currentRefused.body());
        assertEquals(after, Integer.parseInt(text(currentRefused.body(), "kek-current")), "nothing destroyed");

        HttpResponse<String> destroyed = sam.postFaces(KEYS, currentRefused.body(), "destroy",
                Map.of("destroy:version", String.valueOf(before), "destroy:confirmation", "DESTROY"), "destroy:submit");
        assertEquals(200, destroyed.statusCode());
        assertTrue(text(destroyed.body(), "rotate-done").startsWith("KEK version " + before + " is destroyed"),
                destroyed.body());
        assertFalse(destroyed.body().contains("id=\"kek-v" + before + "\""), "no longer on the token");
        assertFalse(List.of(text(destroyed.body(), "kek-older").split(", ")).contains(String.valueOf(before)));
        assertEquals(after, Integer.parseInt(text(destroyed.body(), "kek-current")));

        // Both second factors open under the new version: sign in again with a code.
        sam.signIn();
        assertEquals(302, sam.verify(sam.app.freshCode()).statusCode(), "the administrator's second factor still works");
        lee.signIn();
        assertEquals(302, lee.verify(lee.app.freshCode()).statusCode(), "the auditor's second factor still works");
        assertEquals(200, sam.http.get(KEYS).statusCode());

        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("key-rotated " + ADMIN + " success key:consilium-kek")
                && e.contains("\"after\":\"" + after + "\"")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("key-destroyed " + ADMIN + " denied key:consilium-kek")
                && e.contains("\"version\":\"" + after + "\"") && e.contains("current version")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("key-destroyed " + ADMIN + " success key:consilium-kek")
                && e.contains("\"version\":\"" + before + "\"") && e.contains("\"current\":\"" + after + "\"")),
                events::toString);
        assertEquals(1, events.stream().filter(e -> e.startsWith("key-destroyed " + ADMIN + " success")).count(),
                events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("second-factor-verified " + ADMIN)), events::toString);
    }

    /** The KEK version in a sealed second factor's header (bytes 21..24 of the envelope). */
    private static int sealedVersion(String username) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement query = db.prepareStatement("select sealed_secret from staff_second_factor where username = ?")) {
            query.setString(1, username);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "no second factor of " + username);
                byte[] sealed = rows.getBytes(1);
                return ((sealed[21] & 0xff) << 24) | ((sealed[22] & 0xff) << 16) | ((sealed[23] & 0xff) << 8)
                        | (sealed[24] & 0xff);
            }
        }
    }
}
