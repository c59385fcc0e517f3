-- Guest privacy (issue 20, item 6; docs/security.md "What guests see").
--
-- What guests see of a room instead of its internal name (which may name the patient): the
-- label its hosts chose, or, when null, the fixed default "Video visit" (GuestLabel.DEFAULT).
alter table room add column guest_label varchar(80);

-- The hospital's privacy notice, shown on the guest's join page. Every text an administrator
-- saves (admin console, Room policies) is a new version; versions are never changed or
-- deleted, so an acknowledgement always names the text that was read (by version and by the
-- SHA-256 of its UTF-8 text, lower-case hex).
create table privacy_notice (
    version    integer                  primary key,
    text       varchar(8000)            not null,
    sha256     char(64)                 not null,
    changed_at timestamp with time zone not null,
    changed_by varchar(256)             not null,
    constraint privacy_notice_version_ck check (version >= 1)
);
-- Version 1 is the default text (PrivacyNotice.DEFAULT_TEXT), written by the application
-- right after the migrations when the table is empty (SchemaMigrations), so that its SHA-256
-- is computed in one place for both databases.

-- A guest's acknowledgement of the notice, recorded on their stint of the visit.
alter table visit_participant add column privacy_notice_version integer references privacy_notice (version);
alter table visit_participant add column privacy_notice_sha256 char(64);
alter table visit_participant add column privacy_notice_acknowledged_at timestamp with time zone;
