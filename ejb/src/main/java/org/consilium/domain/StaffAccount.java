package org.consilium.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A staff member known to Consilium because they signed in at least once. The directory
 * stays the source of truth for who they are and what they may do; this record keeps
 * only what the directory does not: when they were first and last seen.
 */
@Entity
@Table(name = "staff_account")
public class StaffAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "username", nullable = false, unique = true, length = Username.MAX_LENGTH)
    private String username;

    @Column(name = "display_name", length = 512)
    private String displayName;

    @Column(name = "first_sign_in", nullable = false)
    private Instant firstSignIn;

    @Column(name = "last_sign_in", nullable = false)
    private Instant lastSignIn;

    @Column(name = "sign_in_count", nullable = false)
    private long signInCount;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected StaffAccount() {
        // for JPA
    }

    private StaffAccount(Username username, String displayName, Instant now) {
        this.username = username.value();
        this.displayName = displayName;
        this.firstSignIn = now;
        this.lastSignIn = now;
        this.signInCount = 1;
    }

    /** The account as it is created by someone's first sign-in. */
    public static StaffAccount firstSignIn(Username username, String displayName, Instant now) {
        return new StaffAccount(Objects.requireNonNull(username), displayName, Objects.requireNonNull(now));
    }

    /**
     * Records another sign-in and returns when the previous one was, so the person can spot
     * a sign-in that was not theirs.
     */
    public Instant signedInAgain(String currentDisplayName, Instant now) {
        Instant previous = lastSignIn;
        if (now.isAfter(lastSignIn)) {
            lastSignIn = now;
        }
        displayName = currentDisplayName;
        signInCount++;
        return previous;
    }

    public Username username() {
        return new Username(username);
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public Instant firstSignInAt() {
        return firstSignIn;
    }

    public Instant lastSignInAt() {
        return lastSignIn;
    }

    public long signInCount() {
        return signInCount;
    }
}
