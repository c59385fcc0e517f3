-- The KEK rewrap job's reports (issue 22, item 5; docs/security.md, "Rotation and
-- crypto-shredding"). After each pass, an appliance replaces its rows: one per KEK version
-- its own recordings volume holds envelopes under, and always one for the version that pass
-- rewrapped to (current_version, possibly with 0 envelopes), so that every appliance that ever
-- ran the job has a row. The console sums over appliances, and allows destroying an old version
-- only when every appliance that counts (this one, the cluster's members, those with recordings
-- not shredded or envelopes at their last check: KekRetirement) has reported none under it from a
-- pass that knew a newer version. The database's own envelopes (sealed second factors) are
-- counted when asked.
create table kek_usage (
    node            varchar(256)             not null,
    kek_version     integer                  not null,
    envelopes       bigint                   not null,
    failed          bigint                   not null, -- envelopes of that pass that could not be rewrapped (same on every row of a node)
    current_version integer                  not null, -- the newest version the pass knew: what it rewrapped to
    checked_at      timestamp with time zone not null,
    primary key (node, kek_version),
    constraint kek_usage_counts_ck check (envelopes >= 0 and failed >= 0 and kek_version >= 1)
);
