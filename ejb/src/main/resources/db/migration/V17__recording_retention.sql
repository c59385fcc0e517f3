-- Retention and crypto-shredding of recordings (issue 22, item 5; docs/recording.md).
--
-- How long a recording is kept after it stopped, by the kind of its room; set in the admin
-- console (Recordings). Null days: kept until an administrator deletes it.
create table recording_retention (
    room_kind  varchar(16)              primary key,
    days       integer,
    changed_at timestamp with time zone,
    changed_by varchar(256),
    constraint recording_retention_kind_ck check (room_kind in ('VISIT', 'CONSULT', 'BEDSIDE')),
    constraint recording_retention_days_ck check (days is null or days between 1 and 36500)
);
insert into recording_retention (room_kind, days) values ('VISIT', 30);
insert into recording_retention (room_kind, days) values ('CONSULT', 30);
insert into recording_retention (room_kind, days) values ('BEDSIDE', 7);

-- A legal hold keeps a recording past its retention until released; shredding destroys the
-- files' wrapped data keys and deletes the files, and keeps this row (who, when, consents) as
-- the record that the recording existed and was destroyed.
alter table recording add column legal_hold boolean default false not null;
alter table recording add column hold_changed_at timestamp with time zone;
alter table recording add column hold_changed_by varchar(256);
alter table recording add column shredded_at timestamp with time zone;
alter table recording add column shred_reason varchar(32);
