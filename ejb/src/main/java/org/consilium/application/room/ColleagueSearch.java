package org.consilium.application.room;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.consilium.application.Caller;
import org.consilium.application.admin.StaffDirectory;
import org.consilium.domain.Role;
import org.consilium.domain.StaffAccount;
import org.consilium.domain.StaffAccountRepository;
import org.consilium.domain.Username;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.room.Room;

/**
 * Finds colleagues by name, for a clinician who invites one to a room or makes one its
 * co-host (issue 20, item 4). The names searched are those of the staff who have signed in
 * to Consilium (their directory display name, kept at each sign-in): the appliance holds no
 * credential of its own to search the whole directory with (the service account's password
 * stays in the server's credential store, used by its security realm alone). A username
 * typed in full also finds someone who never signed in. Every candidate is then looked up in
 * the directory as a sign-in would be, so only people who exist there today and may take
 * part in visits as clinicians are offered, under their current name.
 */
@Stateless
public class ColleagueSearch {

    /** At least this many characters: a single letter would list half the hospital. */
    public static final int SHORTEST = 2;
    public static final int LONGEST = 64;
    /** Enough to pick from; a longer list means the name should be typed further. */
    public static final int MOST_FOUND = 10;

    private final StaffAccountRepository accounts;
    private final StaffDirectory directory;
    private final RoomAudit audit;

    @Inject
    public ColleagueSearch(StaffAccountRepository accounts, StaffDirectory directory, RoomAudit audit) {
        this.accounts = accounts;
        this.directory = directory;
        this.audit = audit;
    }

    protected ColleagueSearch() {
        this(null, null, null); // for the EJB container's proxy
    }

    /** Someone found: their directory username and current display name. */
    public record Colleague(String username, String displayName) {
    }

    /**
     * Colleagues whose name contains {@code text} (or whose username starts with it), the
     * caller left out; audited with how many were found, never with what was typed.
     *
     * @throws InvalidSearch           when the text is shorter than {@value #SHORTEST} or longer than {@value #LONGEST} characters
     * @throws RoomAccessDenied        when the caller may not run rooms (only who may invite searches)
     * @throws DirectoryUnavailable    when the directory does not answer
     */
    public List<Colleague> search(Caller caller, String text) {
        if (!Room.mayBeCreatedBy(caller.identity())) {
            throw audit.denied(caller, "search-colleagues", null, "Only clinicians and administrators can search for colleagues.");
        }
        String wanted = text == null ? "" : text.strip();
        if (wanted.length() < SHORTEST || wanted.length() > LONGEST) {
            throw new InvalidSearch("Type " + SHORTEST + " to " + LONGEST + " characters of your colleague's name.");
        }
        Set<Username> candidates = new LinkedHashSet<>();
        for (StaffAccount account : accounts.named(wanted, MOST_FOUND * 2)) {
            candidates.add(account.username());
        }
        wholeUsername(wanted).ifPresent(candidates::add);
        candidates.remove(caller.identity().username());
        List<Colleague> found = new ArrayList<>();
        for (Username candidate : candidates) {
            if (found.size() == MOST_FOUND) {
                break;
            }
            StaffDirectory.Lookup lookup = directory.lookup(candidate);
            if (lookup.problem().isPresent()) {
                throw new DirectoryUnavailable("The hospital directory did not answer; try again in a moment.");
            }
            if (lookup.found() && lookup.roles().contains(Role.CLINICIAN)) {
                found.add(new Colleague(candidate.value(), lookup.displayName().orElse(candidate.value())));
            }
        }
        audit.record(audit.by(caller, AuditAction.COLLEAGUES_SEARCHED, null).detail("found", Integer.toString(found.size())));
        return found;
    }

    /** The text as a username, when it can be one (no spaces). */
    private static java.util.Optional<Username> wholeUsername(String text) {
        if (text.chars().anyMatch(Character::isWhitespace) || text.length() > Username.MAX_LENGTH) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Username(text));
    }
}
