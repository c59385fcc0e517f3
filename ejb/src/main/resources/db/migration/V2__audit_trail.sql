-- The audit trail (docs/audit.md): one row per event, each holding the SHA-256 of the
-- previous one, and checkpoints signed by the HSM. Rows are only ever inserted; on
-- PostgreSQL the vendor migration V3 makes the database refuse anything else.
create table audit_event (
    sequence       bigint                   primary key,
    occurred_at    timestamp with time zone not null,
    actor          varchar(256)             not null,
    actor_roles    varchar(1024)            not null, -- role names, comma-separated
    client_address varchar(64),
    action         varchar(64)              not null,
    target         varchar(512),
    outcome        varchar(16)              not null,
    details        varchar(8000)            not null, -- a JSON object of strings
    previous_hash  bytea                    not null,
    hash           bytea                    not null
);
create index audit_event_occurred_at_ix on audit_event (occurred_at);
create index audit_event_actor_ix on audit_event (actor, occurred_at);
create index audit_event_action_ix on audit_event (action, occurred_at);

create table audit_checkpoint (
    sequence   bigint                   primary key, -- the last event it covers
    created_at timestamp with time zone not null,
    chain_hash bytea                    not null,
    key_id     varchar(128)             not null,
    signature  bytea                    not null
);

-- The end of the chain, one row. Appends lock it, so sequence numbers are assigned one
-- after another with no gap and no fork, whatever the concurrency, across restarts.
create table audit_chain_head (
    id            integer primary key,
    last_sequence bigint  not null,
    last_hash     bytea, -- null: nothing appended yet (the next previous_hash is 32 zero bytes)
    constraint audit_chain_head_single_row check (id = 1)
);
insert into audit_chain_head (id, last_sequence, last_hash) values (1, 0, null);

-- How far each export target (the SIEM) has got. The buffer for an outage is the
-- audit_event table itself: delivery resumes after last_sequence.
create table audit_delivery (
    target        varchar(256)             primary key,
    last_sequence bigint                   not null,
    updated_at    timestamp with time zone not null
);
