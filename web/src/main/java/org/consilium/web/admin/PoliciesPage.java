package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.RoomPolicyAdministration;
import org.consilium.domain.room.RoomPolicy;

/**
 * The Room policies page (administrators only, web.xml): the hospital-wide defaults for
 * rooms, invitations and calls, changed without a restart. Numbers are typed as text and
 * checked here and in the use case, so each problem is a sentence next to its field; the
 * use case checks the role again and audits the change with the values before and after.
 */
@Named("policiesPage")
@RequestScoped
public class PoliciesPage extends ConsoleForm {

    static final String INVITATION_DEFAULT = RoomPolicy.INVITATION_DEFAULT;
    static final String INVITATION_MAXIMUM = RoomPolicy.INVITATION_MAXIMUM;
    static final String EMPTY_ROOM_TIMEOUT = RoomPolicy.EMPTY_ROOM_TIMEOUT;
    static final String MAX_VISIT_LENGTH = RoomPolicy.MAX_VISIT_LENGTH;
    static final String RECONNECT_GRACE = RoomPolicy.RECONNECT_GRACE;

    @Inject
    RoomPolicyAdministration policies;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private RoomPolicyAdministration.View view;
    private boolean loaded;
    private boolean lobbyByDefault;
    private String invitationDefault;
    private String invitationMaximum;
    private boolean singleUseByDefault;
    private boolean recordingAllowed;
    private String emptyRoomTimeout;
    private String maxVisitLength;
    private String reconnectGrace;

    public RoomPolicyAdministration.View getView() {
        if (view == null) {
            view = policies.view();
        }
        return view;
    }

    /** The form's values start as the policy in force. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        RoomPolicyAdministration.View shown = getView();
        RoomPolicy policy = shown.policy();
        lobbyByDefault = policy.lobbyByDefault();
        invitationDefault = Integer.toString(policy.invitationDefaultMinutes());
        invitationMaximum = Integer.toString(policy.invitationMaximumMinutes());
        singleUseByDefault = policy.singleUseByDefault();
        recordingAllowed = policy.recordingAllowed();
        emptyRoomTimeout = Long.toString(shown.effective().emptyRoomTimeout().toMinutes());
        maxVisitLength = Long.toString(Math.max(1, shown.effective().maxVisitLength().toMinutes()));
        reconnectGrace = Long.toString(shown.reconnectGrace().toSeconds());
    }

    public String save() {
        errors.clear();
        Long defaultMinutes = minutes(INVITATION_DEFAULT, invitationDefault);
        Long maximumMinutes = minutes(INVITATION_MAXIMUM, invitationMaximum);
        Long emptyMinutes = minutes(EMPTY_ROOM_TIMEOUT, emptyRoomTimeout);
        Long lengthMinutes = minutes(MAX_VISIT_LENGTH, maxVisitLength);
        Long graceSeconds = WholeNumber.parse(errors, RECONNECT_GRACE, reconnectGrace, "seconds", "60");
        if (!errors.isEmpty()) {
            return null;
        }
        RoomPolicyAdministration.View shown = policies.view();
        // A call limit left as shown stays as it is (the configuration's, when it was), even
        // when that is not a whole number of minutes.
        Duration empty = emptyMinutes == shown.effective().emptyRoomTimeout().toMinutes() ? null
                : Duration.ofMinutes(emptyMinutes);
        Duration length = lengthMinutes == Math.max(1, shown.effective().maxVisitLength().toMinutes()) ? null
                : Duration.ofMinutes(lengthMinutes);
        Duration grace = graceSeconds == shown.reconnectGrace().toSeconds() ? null : Duration.ofSeconds(graceSeconds);
        // Checked with the values as typed, so that the page says what is wrong with them.
        errors.putAll(RoomPolicy.problems(defaultMinutes, maximumMinutes, empty, length, grace));
        if (!errors.isEmpty()) {
            return null;
        }
        RoomPolicyAdministration.Change change = policies.change(ConsoleCaller.of(currentStaff, request),
                lobbyByDefault, defaultMinutes, maximumMinutes, singleUseByDefault, recordingAllowed, empty, length, grace);
        switch (change.outcome()) {
            case DONE -> {
                done = change.changed().isEmpty() ? "Nothing was changed: these are the policies in force."
                        : "Saved: " + String.join(", ", change.changed())
                                + ". New rooms, invitations and calls follow the policies from now on.";
                view = null;
                loaded = false;
                load();
            }
            case INVALID -> errors.putAll(change.problems());
            case REFUSED_ROLE -> done = "Only administrators change room policies.";
        }
        return null;
    }

    /** Whole minutes, or null with the field's error. */
    private Long minutes(String field, String text) {
        return WholeNumber.parse(errors, field, text, "minutes", "60");
    }

    public boolean isLobbyByDefault() {
        load();
        return lobbyByDefault;
    }

    public void setLobbyByDefault(boolean lobbyByDefault) {
        load();
        this.lobbyByDefault = lobbyByDefault;
    }

    public String getInvitationDefault() {
        load();
        return invitationDefault;
    }

    public void setInvitationDefault(String invitationDefault) {
        load();
        this.invitationDefault = invitationDefault;
    }

    public String getInvitationMaximum() {
        load();
        return invitationMaximum;
    }

    public void setInvitationMaximum(String invitationMaximum) {
        load();
        this.invitationMaximum = invitationMaximum;
    }

    public boolean isSingleUseByDefault() {
        load();
        return singleUseByDefault;
    }

    public void setSingleUseByDefault(boolean singleUseByDefault) {
        load();
        this.singleUseByDefault = singleUseByDefault;
    }

    public boolean isRecordingAllowed() {
        load();
        return recordingAllowed;
    }

    public void setRecordingAllowed(boolean recordingAllowed) {
        load();
        this.recordingAllowed = recordingAllowed;
    }

    public String getEmptyRoomTimeout() {
        load();
        return emptyRoomTimeout;
    }

    public void setEmptyRoomTimeout(String emptyRoomTimeout) {
        load();
        this.emptyRoomTimeout = emptyRoomTimeout;
    }

    public String getMaxVisitLength() {
        load();
        return maxVisitLength;
    }

    public void setMaxVisitLength(String maxVisitLength) {
        load();
        this.maxVisitLength = maxVisitLength;
    }

    public String getReconnectGrace() {
        load();
        return reconnectGrace;
    }

    public void setReconnectGrace(String reconnectGrace) {
        load();
        this.reconnectGrace = reconnectGrace;
    }
}
