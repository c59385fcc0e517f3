-- How each stint of a visit went on (REQUIREMENTS D4, billing: video or audio only). A stint
-- starts with video; each row is a change that held, from changed_at until the next one or
-- the stint's end.
create table visit_participant_modality (
    participant_id bigint                   not null references visit_participant (id) on delete cascade,
    changed_at     timestamp with time zone not null,
    modality       varchar(16)              not null,
    constraint visit_participant_modality_ck check (modality in ('VIDEO', 'AUDIO_ONLY'))
);
create index visit_participant_modality_participant_ix on visit_participant_modality (participant_id);
