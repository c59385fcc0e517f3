-- The admin console's second factor (docs/admin-console.md): one TOTP secret per staff
-- member who enrolled, sealed by the HSM (an envelope bound to the username; never in
-- clear here), the last time step a code was accepted for (a code is good once) and the
-- lockout after five wrong codes in a row. Deleting the row is the reset.
create table staff_second_factor (
    username       varchar(256)             primary key,
    sealed_secret  bytea                    not null,
    created_at     timestamp with time zone not null,
    confirmed_at   timestamp with time zone,          -- null while the enrolment waits for its first code
    last_used_step bigint                   not null,
    failures       integer                  not null, -- wrong codes in a row since the last good one
    locked_until   timestamp with time zone
);
