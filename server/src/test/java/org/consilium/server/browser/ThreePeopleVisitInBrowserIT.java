package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.MEDIA;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.framesFrom;
import static org.consilium.server.browser.Visits.guestJoins;
import static org.consilium.server.browser.Visits.inRoom;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.ownerJoins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The call experience end to end (issue 20, "done means"): a clinician, a colleague and a
 * patient on a phone hold a visit, everything from the UI. Ana invites Ben by name from her
 * room and makes a guest link; Ben joins from his home page and Ana lets him in; Maria, on a
 * 390×844 phone, joins through the link and is let in. Maria pins Ana to her stage and raises
 * her hand, which Ana sees in order and lowers; Ben switches his microphone during the call and
 * Ana keeps hearing him; Ben shares his screen, which becomes Maria's stage. After everyone
 * leaves, Ana reads the visit on her home page: three people, each as what they were.
 * Screenshots of each step at desktop and phone size; axe-core on each.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ThreePeopleVisitInBrowserIT extends InTheBrowser {

    @Test
    @SuppressWarnings("unchecked")
    void aClinicianAColleagueAndAPatientOnAPhoneHoldAVisitFromTheUi() throws Exception {
        String room = "Dermatology " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser ana = new Browser(); Browser ben = new Browser(); Browser maria = new Browser()) {
            ben.signIn("bokafor", "consilium-demo");
            String link = createRoomAndInvitation(ana, room);

            // Ana invites Ben by name.
            ana.clickWhenEnabled(inRoom(room, "summary[@aria-label='Colleagues and co-hosts: " + room + "']"));
            ana.visible(inRoom(room, "input[@type='search']")).sendKeys("Okafor");
            ana.clickWhenEnabled(inRoom(room, "form[@role='search']//button"));
            ana.clickWhenEnabled(inRoom(room, "button[@aria-label='Invite: Ben Okafor']"));
            Poll.until(Browser.PATIENCE, () -> ana.visible(inRoom(room, "p[contains(@class,'colleague-status')]")).getText(),
                    text -> text.startsWith("Ben Okafor is invited"), "Ben invited");

            // Ana joins; Ben from his home page, into the waiting room; Ana lets him in.
            ownerJoins(ana, room);
            ben.open("/");
            ben.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
            ben.click("join-button");
            ben.visible("lobby");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Ben Okafor']"));
            ben.visible("call");

            // Maria, on a phone, through the guest link; Ana lets her in.
            maria.viewport(390, 844, true);
            guestJoins(maria, link, "Maria González");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
            maria.visible("call");
            String anaId = myId(ana);
            String benId = myId(ben);
            String mariaId = myId(maria);
            Poll.until(MEDIA, () -> framesFrom(ana, mariaId), frames -> frames > 30, "Ana decoding Maria");
            Poll.until(MEDIA, () -> framesFrom(ana, benId), frames -> frames > 30, "Ana decoding Ben");
            Poll.until(MEDIA, () -> framesFrom(maria, anaId), frames -> frames > 30, "Maria decoding Ana");
            Poll.until(MEDIA, () -> framesFrom(ben, mariaId), frames -> frames > 30, "Ben decoding Maria");
            ana.screenshot("visit-three-host");
            assertEquals(List.of(), axe(ana), "three people, as the host sees them");

            // Maria pins Ana on her phone: Ana fills her stage.
            String anaTile = "#tiles [data-participant='" + anaId + "']";
            maria.clickWhenEnabled(By.cssSelector(anaTile + " button.pin"));
            onStage(maria, anaTile, "Ana on Maria's stage");
            maria.screenshot("visit-three-patient-pinned-phone");
            assertEquals(List.of(), axe(maria), "a pinned clinician on the patient's phone");
            for (String control : List.of("leave-button", "microphone-button", "hand-button")) {
                assertEquals(null, maria.coveringElement(By.id(control)), control + " on Maria's phone");
            }

            // Maria raises her hand; Ana sees it first in line and lowers it.
            maria.click("hand-button");
            String mariaTile = "#tiles [data-participant='" + mariaId + "']";
            Poll.until(Browser.PATIENCE, () -> ana.visible(By.cssSelector(mariaTile + " .tile-hand")).getText(),
                    "Hand raised (1st)"::equals, "Maria's hand on Ana's page");
            ana.screenshot("visit-three-hand-host");
            ana.clickWhenEnabled(By.cssSelector(mariaTile + " button.lower-hand"));
            Poll.until(Browser.PATIENCE, () -> maria.visible("hand-button").getAttribute("aria-pressed"),
                    "false"::equals, "the host lowered Maria's hand");

            // Ben switches his microphone during the call; Ana keeps hearing him.
            ben.click("devices-button");
            ben.visible("call-microphone-select");
            List<WebElement> microphones = ben.all(By.cssSelector("#call-microphone-select option"));
            WebElement other = microphones.stream().filter(option -> !option.isSelected()).findFirst().orElseThrow();
            String chosen = other.getText();
            other.click();
            Poll.until(Browser.PATIENCE, () -> ((Map<String, Object>) ben.callStats().get("devices")).get("microphone"),
                    chosen::equals, "Ben's call going out through " + chosen);
            long heard = Visits.received(ana.callStats(), benId, "samples");
            Poll.until(MEDIA, () -> Visits.received(ana.callStats(), benId, "samples"),
                    samples -> samples > heard + 48_000, "Ana still hearing Ben after the switch");
            ben.click("devices-close-button");

            // Ben shares his screen; Maria unpins Ana, and the screen is her stage.
            ben.click("screen-button");
            ben.click("screen-choice-share");
            maria.clickWhenEnabled(By.cssSelector(anaTile + " button.pin"));
            maria.visible(By.cssSelector("#screens figure[data-participant='" + benId + "'] video"));
            Poll.until(Browser.PATIENCE, () -> maria.script("var list = document.getElementById('tiles');"
                            + " return list.classList.contains('filmstrip') || !document.getElementById('screens').hidden;"),
                    Boolean.TRUE::equals, "Ben's screen on Maria's phone");
            Object zoom = maria.script("return document.querySelector('meta[name=viewport]').content;");
            assertTrue(!String.valueOf(zoom).contains("user-scalable") && !String.valueOf(zoom).contains("maximum-scale"),
                    "a phone may pinch-zoom the shared screen: " + zoom);
            maria.screenshot("visit-three-screen-phone");
            ben.screenshot("visit-three-colleague-sharing");
            assertEquals(List.of(), axe(maria), "a shared screen on the patient's phone");

            // Everyone leaves; Ana reads the visit on her home page.
            maria.click("leave-button");
            ben.click("leave-button");
            Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#tiles .tile")).size(), n -> n == 1,
                    "Ana alone in her call");
            ana.click("leave-button");
            ana.visible("ended");
            ana.open("/");
            ana.clickWhenEnabled(inRoom(room, "summary[@aria-label='Visits: " + room + "']"));
            String stints = Poll.until(Browser.PATIENCE, () -> ana.visible(inRoom(room, "ul[@class='visit-people']")).getText(),
                    text -> text.contains("Maria González (guest)"), "the visit on Ana's home page");
            assertTrue(stints.contains("Ana Ortiz (owner)") && stints.contains("Ben Okafor (staff)"), stints);
            ana.script("document.querySelector('.visit-list').scrollIntoView({block: 'center'});");
            ana.screenshot("visit-three-history");
            assertEquals(List.of(), axe(ana), "the visit's history");
        }
    }

    private static void onStage(Browser browser, String tile, String what) throws InterruptedException {
        Poll.until(Browser.PATIENCE, () -> browser.script("var t = document.querySelector(\"" + tile + "\");"
                + " return Boolean(t) && t.classList.contains('on-stage');"), Boolean.TRUE::equals, what);
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
