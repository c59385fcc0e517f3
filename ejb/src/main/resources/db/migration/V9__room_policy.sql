-- The hospital's room policies (admin console, docs/admin-console.md "Room policies"): one
-- row, the defaults in force. The two call limits are null until an administrator sets
-- them: until then the MicroProfile Config values (consilium.call.*) apply.
create table room_policy (
    id                         smallint                 primary key check (id = 1),
    lobby_by_default           boolean                  not null,
    invitation_default_minutes integer                  not null,
    invitation_maximum_minutes integer                  not null,
    invitation_single_use      boolean                  not null,
    recording_allowed          boolean                  not null,
    empty_room_timeout_seconds bigint,                           -- null: consilium.call.empty-room-timeout
    max_visit_length_seconds   bigint,                           -- null: consilium.call.max-visit-length
    changed_at                 timestamp with time zone,
    changed_by                 varchar(256)
);
insert into room_policy (id, lobby_by_default, invitation_default_minutes, invitation_maximum_minutes,
                         invitation_single_use, recording_allowed)
values (1, true, 1440, 10080, false, false);
