package org.consilium.application.room;

/**
 * A notice the guest's join page asks the guest to tick before they may wait in the lobby:
 * the privacy notice (read) and the consent to treat (agreed to, REQUIREMENTS D5). Each
 * names the reasons a refusal is audited with and the sentences the page shows.
 */
public enum JoinPageNotice {

    PRIVACY("privacy-notice-not-acknowledged", "privacy-notice-changed",
            "Please read the privacy notice and tick the box to confirm before you continue.",
            "The privacy notice has changed since this page was opened. Please read it again and tick the box."),
    CONSENT_TO_TREAT("consent-to-treat-not-accepted", "consent-to-treat-changed",
            "Please read the consent to treat and tick the box to agree before you continue: without your "
                    + "agreement the visit cannot take place by video.",
            "The consent to treat has changed since this page was opened. Please read it again and tick the box.");

    private final String notTicked;
    private final String changed;
    private final String notTickedSentence;
    private final String changedSentence;

    JoinPageNotice(String notTicked, String changed, String notTickedSentence, String changedSentence) {
        this.notTicked = notTicked;
        this.changed = changed;
        this.notTickedSentence = notTickedSentence;
        this.changedSentence = changedSentence;
    }

    /** The audit reason: the box was not ticked ({@code ticked} false), or a replaced version was. */
    String reason(boolean ticked) {
        return ticked ? changed : notTicked;
    }

    /** What the page says next to the box. */
    String sentence(boolean ticked) {
        return ticked ? changedSentence : notTickedSentence;
    }
}
