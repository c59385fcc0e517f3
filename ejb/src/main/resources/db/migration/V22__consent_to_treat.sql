-- Consent to treat and identity check (issue 24, item 2; REQUIREMENTS D5; docs/security.md).
--
-- The hospital's consent to treatment by video, shown on the guest's join page next to the
-- privacy notice and agreed to there. Versioned as privacy_notice is (V15): every text an
-- administrator saves is a new version, none is changed or deleted. Version 1 is the default
-- text (ConsentToTreat.DEFAULT_TEXT), written by the application after the migrations.
create table consent_to_treat (
    version    integer                  primary key,
    text       varchar(8000)            not null,
    sha256     char(64)                 not null,
    changed_at timestamp with time zone not null,
    changed_by varchar(256)             not null,
    constraint consent_to_treat_version_ck check (version >= 1)
);

-- A guest's agreement, recorded on their stint of the visit.
alter table visit_participant add column consent_to_treat_version integer references consent_to_treat (version);
alter table visit_participant add column consent_to_treat_sha256 char(64);
alter table visit_participant add column consent_to_treat_accepted_at timestamp with time zone;

-- A host confirmed the identity of a guest in the call, and how; one row per check, kept with
-- the guest's stint (who was checked), naming the host (who checked) and when.
create table visit_identity_check (
    participant_id bigint                   not null references visit_participant (id) on delete cascade,
    method         varchar(32)              not null,
    confirmed_by   varchar(256)             not null,
    confirmed_at   timestamp with time zone not null,
    constraint visit_identity_check_method_ck check (method in ('PHOTO_ID', 'TWO_IDENTIFIERS', 'KNOWN_PATIENT'))
);
create index visit_identity_check_participant_ix on visit_identity_check (participant_id);
