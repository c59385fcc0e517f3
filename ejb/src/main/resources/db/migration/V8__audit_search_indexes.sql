-- The admin console's audit search (docs/audit.md, "Searching"): newest first, a page at
-- a time, keyset on the sequence. Each index lets the search walk one criterion's rows
-- backwards by sequence, so the first page costs the same over a thousand rows or many
-- millions. Only indexes: the rows stay untouched (append-only, vendor migration V3).
create index audit_event_actor_seq_ix on audit_event (actor, sequence);
create index audit_event_action_seq_ix on audit_event (action, sequence);
create index audit_event_target_seq_ix on audit_event (target, sequence);
create index audit_event_outcome_seq_ix on audit_event (outcome, sequence);
-- They replace V2's (actor, occurred_at) and (action, occurred_at), which nothing else
-- reads: sequence order is time order, so one index per column serves the search, and
-- each index fewer is less work for every append.
drop index audit_event_actor_ix;
drop index audit_event_action_ix;
