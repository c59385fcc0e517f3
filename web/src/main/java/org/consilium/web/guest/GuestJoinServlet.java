package org.consilium.web.guest;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.consilium.application.room.AdmittedGuest;
import org.consilium.application.room.InvitationRefused;
import org.consilium.application.room.InvitationService;
import org.consilium.application.room.JoinPageNotice;
import org.consilium.application.room.NoticeNotAcknowledged;
import org.consilium.application.room.OpenInvitation;
import org.consilium.domain.room.GuestName;
import org.consilium.domain.room.InvitationRefusal;
import org.consilium.domain.room.InvitationToken;

/**
 * An invitation link, {@code /join/<token>}, open to anyone who has it. GET checks the link,
 * shows the hospital's privacy notice and consent to treat (REQUIREMENTS D5) and asks the
 * guest's name (of the room, only its label for guests, never its name); POST takes the name,
 * the acknowledgement of the notice and the agreement to the consent, uses the invitation (a
 * single-use one is spent here), keeps the guest in the session and sends them to the waiting
 * page. Without both boxes ticked for the versions in force the form comes back (400) with the
 * reason, and nothing is used. A link that is forged, expired, revoked,
 * used or for a closed room gets a page saying so: 403 for a forged link, 410 for the rest.
 */
@WebServlet("/join/*")
public class GuestJoinServlet extends HttpServlet {

    static final String JOIN_VIEW = "/WEB-INF/guest/join.xhtml";
    static final String REFUSED_VIEW = "/WEB-INF/guest/refused.xhtml";
    static final String WAITING_PATH = "/guest/waiting";
    /** Form field of the guest's name. */
    static final String NAME = "displayName";
    /** Form field: the version of the privacy notice the page showed. */
    static final String NOTICE_VERSION = "privacyNotice";
    /** Form field: the box "I have read the privacy notice", {@code yes} when ticked. */
    static final String NOTICE_ACKNOWLEDGED = "privacyAcknowledged";
    /** Form field: the version of the consent to treat the page showed. */
    static final String CONSENT_VERSION = "consentToTreat";
    /** Form field: the box "I agree to be treated by video", {@code yes} when ticked. */
    static final String CONSENT_ACCEPTED = "consentAccepted";

    @Inject
    InvitationService invitations;

    @Inject
    GuestPage page;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (staffSignedIn(request, response)) {
            return;
        }
        String token = token(request);
        try {
            OpenInvitation invitation = invitations.open(token, request.getRemoteAddr());
            page.invitation(token, invitation.guestLabel(), invitation.notice(), invitation.consentToTreat());
            request.getRequestDispatcher(JOIN_VIEW).forward(request, response);
        } catch (InvitationRefused refused) {
            refuse(refused.reason(), request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (staffSignedIn(request, response)) {
            return;
        }
        String token = token(request);
        String entered = request.getParameter(NAME);
        Ticked ticked = new Ticked("yes".equals(request.getParameter(NOTICE_ACKNOWLEDGED)),
                "yes".equals(request.getParameter(CONSENT_ACCEPTED)));
        GuestName name;
        try {
            name = new GuestName(entered);
        } catch (IllegalArgumentException invalid) {
            askAgain(token, entered, ticked, invalid.getMessage() + ".", null, request, response);
            return;
        }
        try {
            AdmittedGuest admitted = invitations.redeem(token, name,
                    ticked.notice() ? version(request, NOTICE_VERSION) : null,
                    ticked.consent() ? version(request, CONSENT_VERSION) : null, request.getRemoteAddr());
            new GuestSession(admitted.guest(), admitted.guestLabel()).store(request);
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + WAITING_PATH);
        } catch (InvitationRefused refused) {
            refuse(refused.reason(), request, response);
        } catch (NoticeNotAcknowledged notAcknowledged) {
            askAgain(token, entered, ticked.without(notAcknowledged.notice()), null, notAcknowledged, request, response);
        }
    }

    /** Which boxes the guest ticked (kept when the form comes back for another reason). */
    record Ticked(boolean notice, boolean consent) {

        /** As ticked, less the box of {@code refused}, which the guest must tick again. */
        Ticked without(JoinPageNotice refused) {
            return refused == JoinPageNotice.PRIVACY ? new Ticked(false, consent) : new Ticked(notice, false);
        }
    }

    /**
     * The name or a box was not acceptable: the same form again (400), with the reason beside
     * the field ({@code untick}: the box the guest must tick again), and the notices in force now.
     */
    private void askAgain(String token, String entered, Ticked ticked, String nameError, NoticeNotAcknowledged untick,
                          HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try {
            OpenInvitation invitation = invitations.open(token, request.getRemoteAddr());
            page.invitation(token, invitation.guestLabel(), invitation.notice(), invitation.consentToTreat());
            page.ticked(ticked.notice(), ticked.consent());
            page.nameRefused(entered, nameError);
            if (untick != null && untick.notice() == JoinPageNotice.PRIVACY) {
                page.noticeRefused(untick.getMessage());
            } else if (untick != null) {
                page.consentRefused(untick.getMessage());
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.getRequestDispatcher(JOIN_VIEW).forward(request, response);
        } catch (InvitationRefused refused) {
            refuse(refused.reason(), request, response);
        }
    }

    /** The version of a notice the page showed ({@code field}); one that is not a number is no version in force (0). */
    private static int version(HttpServletRequest request, String field) {
        String text = request.getParameter(field);
        try {
            return text == null || text.length() > 9 ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private void refuse(InvitationRefusal reason, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        page.refused(reason);
        response.setStatus(reason == InvitationRefusal.FORGED ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_GONE);
        request.getRequestDispatcher(REFUSED_VIEW).forward(request, response);
    }

    /**
     * A guest is never a staff member: someone signed in with a directory account who opens
     * a guest link is told to use a private window or sign out, and nothing is used up.
     */
    private boolean staffSignedIn(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getUserPrincipal() == null) {
            return false;
        }
        page.refused("This link is for a guest",
                "You are signed in to Consilium with your staff account. To try a guest link, open it in a private "
                        + "browser window, or sign out first.");
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        request.getRequestDispatcher(REFUSED_VIEW).forward(request, response);
        return true;
    }

    /** The path after {@code /join/}; anything unreasonably long is cut so it stays forged, not huge. */
    private static String token(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2) {
            return "";
        }
        String token = path.substring(1);
        return token.length() > InvitationToken.MAX_TEXT_LENGTH ? token.substring(0, InvitationToken.MAX_TEXT_LENGTH + 1) : token;
    }
}
